package dev.kizuna.summarizer.embedded;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Due dates said in English or Japanese, resolved against the meeting day. A small rule set written for the
 * phrases people use for 1on1 promises; the conventions are the quality set's: "by Friday" / "金曜までに" =
 * the next such day; "next Tuesday" / "来週の火曜" = that day of the following week; "this week" / "今週中" =
 * this Friday; "end of next week" / "来週中" = next week's Friday; "週明け" = next Monday; "end of the month" /
 * "月末" = its last day; "today" / "今日中"; "tomorrow" / "明日"; explicit dates ("December 3", "12/10",
 * "来月の十日").
 *
 * <p>Natty and PrettyTime-NLP (English only, natty's grammar unchanged since 2017) resolve on Maven Central;
 * Japanese needs rules anyway, and the same rules keep both languages on one convention.
 */
public final class DueDates {

  private static final Map<String, DayOfWeek> EN_DAYS = Map.of(
      "monday", DayOfWeek.MONDAY, "tuesday", DayOfWeek.TUESDAY, "wednesday", DayOfWeek.WEDNESDAY,
      "thursday", DayOfWeek.THURSDAY, "friday", DayOfWeek.FRIDAY, "saturday", DayOfWeek.SATURDAY,
      "sunday", DayOfWeek.SUNDAY);
  private static final String JA_DAY_CHARS = "月火水木金土日";
  private static final String EN_DAY = "(monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
  private static final String EN_MONTH =
      "(january|february|march|april|may|june|july|august|september|october|november|december)";

  private static final Pattern EN_NEXT_DAY = Pattern.compile("\\bnext " + EN_DAY + "\\b");
  private static final Pattern EN_THIS_DAY = Pattern.compile("\\bthis " + EN_DAY + "\\b");
  private static final Pattern EN_DAY_ALONE = Pattern.compile("\\b" + EN_DAY + "\\b");
  private static final Pattern EN_MONTH_DAY = Pattern.compile("\\b" + EN_MONTH + " (\\d{1,2})(st|nd|rd|th)?\\b");
  private static final Pattern EN_DAY_OF_MONTH = Pattern.compile("\\b(\\d{1,2})(st|nd|rd|th)? of " + EN_MONTH + "\\b");

  private static final String JA_NUM = "([0-9０-９]+|[一二三四五六七八九十]+)";
  private static final Pattern JA_NEXT_WEEK_DAY = Pattern.compile("来週の?([月火水木金土日])曜");
  private static final Pattern JA_THIS_WEEK_DAY = Pattern.compile("今週の?([月火水木金土日])曜");
  private static final Pattern JA_DAY = Pattern.compile("([月火水木金土日])曜");
  private static final Pattern JA_MONTH_DAY = Pattern.compile(JA_NUM + "月" + JA_NUM + "日");
  private static final Pattern JA_NEXT_MONTH_DAY = Pattern.compile("来月の?" + JA_NUM + "日");
  private static final Pattern SLASH_DATE = Pattern.compile("(?<![0-9])(1[0-2]|0?[1-9])/([12][0-9]|3[01]|0?[1-9])(?![0-9])");

  private DueDates() {}

  /** The first due date said in {@code text}, or empty when it names none. */
  public static Optional<LocalDate> find(String text, String language, LocalDate meeting) {
    return Optional.ofNullable(language.equals("ja") ? japanese(text, meeting) : english(text, meeting));
  }

  private static LocalDate english(String original, LocalDate d) {
    String t = original.toLowerCase(Locale.ROOT);
    Matcher m;
    if ((m = EN_MONTH_DAY.matcher(t)).find()) {
      return dated(d, Month.valueOf(m.group(1).toUpperCase(Locale.ROOT)).getValue(), Integer.parseInt(m.group(2)));
    }
    if ((m = EN_DAY_OF_MONTH.matcher(t)).find()) {
      return dated(d, Month.valueOf(m.group(3).toUpperCase(Locale.ROOT)).getValue(), Integer.parseInt(m.group(1)));
    }
    if (t.contains("day after tomorrow")) {
      return d.plusDays(2);
    }
    if (t.contains("tomorrow")) {
      return d.plusDays(1);
    }
    if (t.matches("(?s).*\\b(today|tonight|this afternoon|this morning|right after this)\\b.*")) {
      return d;
    }
    if (t.matches("(?s).*\\bend of next month\\b.*")) {
      return d.plusMonths(1).with(TemporalAdjusters.lastDayOfMonth());
    }
    if (t.matches("(?s).*\\bend of (the|this) month\\b.*")) {
      return d.with(TemporalAdjusters.lastDayOfMonth());
    }
    if ((m = EN_NEXT_DAY.matcher(t)).find()) {
      return nextWeek(d, EN_DAYS.get(m.group(1)));
    }
    if ((m = EN_THIS_DAY.matcher(t)).find()) {
      return d.with(TemporalAdjusters.nextOrSame(EN_DAYS.get(m.group(1))));
    }
    if (t.matches("(?s).*\\b(end of next week|next week)\\b.*")) {
      return nextWeek(d, DayOfWeek.FRIDAY);
    }
    if (t.matches("(?s).*\\b(end of (the|this) week|this week)\\b.*")) {
      return thisFriday(d);
    }
    if ((m = EN_DAY_ALONE.matcher(t)).find()) {
      return d.with(TemporalAdjusters.next(EN_DAYS.get(m.group(1))));
    }
    if ((m = SLASH_DATE.matcher(t)).find()) {
      return dated(d, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    return null;
  }

  private static LocalDate japanese(String t, LocalDate d) {
    Matcher m;
    if ((m = JA_MONTH_DAY.matcher(t)).find()) {
      return dated(d, number(m.group(1)), number(m.group(2)));
    }
    if ((m = JA_NEXT_MONTH_DAY.matcher(t)).find()) {
      LocalDate next = d.plusMonths(1);
      return safeDate(next.getYear(), next.getMonthValue(), number(m.group(1)));
    }
    if ((m = SLASH_DATE.matcher(t)).find()) {
      return dated(d, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    if (t.contains("明後日") || t.contains("あさって")) {
      return d.plusDays(2);
    }
    if (t.contains("明日")) {
      return d.plusDays(1);
    }
    if (t.contains("今日") || t.contains("本日") || t.contains("このあと")) {
      return d;
    }
    if (t.contains("来月末")) {
      return d.plusMonths(1).with(TemporalAdjusters.lastDayOfMonth());
    }
    if (t.contains("月末") || t.contains("今月中")) {
      return d.with(TemporalAdjusters.lastDayOfMonth());
    }
    if ((m = JA_NEXT_WEEK_DAY.matcher(t)).find()) {
      return nextWeek(d, jaDay(m.group(1)));
    }
    if ((m = JA_THIS_WEEK_DAY.matcher(t)).find()) {
      return d.with(TemporalAdjusters.nextOrSame(jaDay(m.group(1))));
    }
    if (t.contains("週明け")) {
      return d.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }
    if (t.contains("来週")) {
      return nextWeek(d, DayOfWeek.FRIDAY);
    }
    if (t.contains("今週")) {
      return thisFriday(d);
    }
    if ((m = JA_DAY.matcher(t)).find()) {
      return d.with(TemporalAdjusters.next(jaDay(m.group(1))));
    }
    return null;
  }

  private static DayOfWeek jaDay(String c) {
    return DayOfWeek.of(JA_DAY_CHARS.indexOf(c) == 6 ? 7 : JA_DAY_CHARS.indexOf(c) + 1);
  }

  private static LocalDate nextWeek(LocalDate d, DayOfWeek day) {
    return d.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).with(TemporalAdjusters.nextOrSame(day));
  }

  private static LocalDate thisFriday(LocalDate d) {
    return d.getDayOfWeek().getValue() <= 5 ? d.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY)) : d;
  }

  /** Month/day without a year: this year's, or next year's when that day has passed. */
  private static LocalDate dated(LocalDate d, int month, int day) {
    LocalDate date = safeDate(d.getYear(), month, day);
    return date != null && date.isBefore(d) ? safeDate(d.getYear() + 1, month, day) : date;
  }

  private static LocalDate safeDate(int year, int month, int day) {
    try {
      return LocalDate.of(year, month, day);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  /** Arabic, full-width or kanji numbers up to 99 ("十", "二十三"). */
  static int number(String s) {
    if (s.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(s.chars().map(c -> Character.digit(c, 10)).collect(
          StringBuilder::new, StringBuilder::append, StringBuilder::append).toString());
    }
    String digits = "一二三四五六七八九";
    int ten = s.indexOf('十');
    if (ten < 0) {
      return digits.indexOf(s.charAt(0)) + 1;
    }
    int tens = ten == 0 ? 1 : digits.indexOf(s.charAt(0)) + 1;
    int ones = ten == s.length() - 1 ? 0 : digits.indexOf(s.charAt(ten + 1)) + 1;
    return tens * 10 + ones;
  }
}
