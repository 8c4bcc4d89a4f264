package dev.kizuna.server.share;

import dev.kizuna.server.transcript.TranscriptSegment;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The read-only HTML page of a shared memo: no scripts, no external resources, every piece of
 * text escaped; labels from the {@code i18n/share} resource bundle in the reader's language.
 */
public final class SharedPage {

  private static final String STYLE = "body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;"
      + "padding:0 1rem;line-height:1.5;color:#222}pre{white-space:pre-wrap;font:inherit;background:#f6f6f4;"
      + "padding:1rem;border-radius:6px}.muted{color:#666;font-size:.9rem}dt{font-weight:600}";

  /**
   * The page's Content-Security-Policy: nothing may load or run but the page's own inline style
   * (allowed by its hash), no framing, no forms, no base changes.
   */
  public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'sha256-"
      + java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(ShareTokens.sha256(STYLE)))
      + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private SharedPage() {}

  /** The page of {@code content}, with labels and dates in {@code locale} (UTC times). */
  public static String render(SharedContent content, Locale locale) {
    ResourceBundle labels = labels(locale);
    DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
        .withLocale(locale).withZone(ZoneOffset.UTC);
    StringBuilder body = new StringBuilder();
    body.append("<h1>").append(escape(labels.getString("title"))).append("</h1>\n<p>")
        .append(escape(MessageFormat.format(labels.getString("meeting"), content.meeting().memberName(),
            content.meeting().managerName(), dates.format(content.meeting().scheduledAt()) + " UTC")))
        .append("</p>\n<p class=\"muted\">").append(escape(labels.getString("readOnly")));
    Instant expires = content.share().expiresAt();
    if (expires != null) {
      body.append(' ').append(escape(MessageFormat.format(labels.getString("expires"), dates.format(expires) + " UTC")));
    }
    body.append("</p>\n<h2>").append(escape(labels.getString("memo"))).append("</h2>\n");
    if (content.memoText().isBlank()) {
      body.append("<p class=\"muted\" data-testid=\"shared-memo-empty\">").append(escape(labels.getString("memoEmpty")))
          .append("</p>\n");
    } else {
      body.append("<pre data-testid=\"shared-memo\">").append(escape(content.memoText())).append("</pre>\n");
    }
    if (content.transcript() != null) {
      body.append("<h2>").append(escape(labels.getString("transcript"))).append("</h2>\n<dl data-testid=\"shared-transcript\">\n");
      for (TranscriptSegment segment : content.transcript()) {
        body.append("<dt>").append(escape(labels.getString("role." + segment.role().name()))).append("</dt><dd>")
            .append(escape(segment.text())).append("</dd>\n");
      }
      body.append("</dl>\n");
    }
    return page(locale, labels.getString("title"), body.toString());
  }

  /** The page answered for an unknown, expired or revoked link (404) or too many tries (429). */
  public static String message(Locale locale, String key) {
    ResourceBundle labels = labels(locale);
    return page(locale, labels.getString(key + ".title"), "<h1>" + escape(labels.getString(key + ".title"))
        + "</h1>\n<p>" + escape(labels.getString(key + ".body")) + "</p>\n");
  }

  private static String page(Locale locale, String title, String body) {
    return "<!doctype html>\n<html lang=\"" + escape(locale.getLanguage()) + "\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex\">\n"
        + "<title>" + escape(title) + "</title>\n<style>" + STYLE + "</style>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
  }

  private static ResourceBundle labels(Locale locale) {
    return ResourceBundle.getBundle("i18n.share", locale,
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** Escapes text for HTML element content and quoted attributes (OWASP's rule: & < > " '). */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
