package dev.kizuna.signaling.memo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentIdTest {

  @Test
  void idsMadeByAutomergeRepoParseToTheirBytes() {
    // generateAutomergeUrl() of @automerge/automerge-repo 2.5.6 and parseAutomergeUrl's binary id
    assertThat(DocumentId.fromUrl("automerge:4DuvTj6TeZk8gA6yjPyZrxkfacRi").orElseThrow().bytes())
        .isEqualTo(HexFormat.of().parseHex("e7510974b06e4866a3aea6d0b1b408b7"));
    assertThat(DocumentId.parse("Xbntr87N8CG4BZLEpJjTjduvSur").orElseThrow().bytes())
        .isEqualTo(HexFormat.of().parseHex("25de8d55852148bc86d5db2efb8f53bf"));
  }

  @Test
  void randomIdsAreVersion4UuidsThatRoundTripThroughTheirUrl() {
    Set<DocumentId> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      DocumentId id = DocumentId.random();
      assertThat(id.bytes()).hasSize(16);
      assertThat(id.bytes()[6] & 0xf0).as("UUID version").isEqualTo(0x40);
      assertThat(id.url()).startsWith("automerge:");
      assertThat(DocumentId.fromUrl(id.url())).contains(id);
      assertThat(DocumentId.parse(id.value())).contains(id);
      seen.add(id);
    }
    assertThat(seen).hasSize(200);
  }

  @Test
  void urlHeadsAreIgnored() {
    assertThat(DocumentId.fromUrl("automerge:4DuvTj6TeZk8gA6yjPyZrxkfacRi#abc|def"))
        .contains(new DocumentId("4DuvTj6TeZk8gA6yjPyZrxkfacRi"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "4DuvTj6TeZk8gA6yjPyZrxkfacRj", "4DuvTj6TeZk8gA6yjPyZrxkfacR", "0OIl",
      "4DuvTj6TeZk8gA6yjPyZrxkfacRi4DuvTj6TeZk8gA6yjPyZrxkfacRi", "abc", "not an id at all",
      "3vQB7B6MrGQZaxCuFg4oh"})
  void malformedIdsAreRefused(String text) {
    assertThat(DocumentId.parse(text)).isEmpty();
    assertThat(DocumentId.fromUrl("automerge:" + text)).isEmpty();
    assertThatThrownBy(() -> new DocumentId(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aValidChecksumOverOtherThan16BytesIsRefused() {
    String eightBytes = dev.kizuna.signaling.memo.impl.Base58Check.encode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertThat(dev.kizuna.signaling.memo.impl.Base58Check.decode(eightBytes)).isPresent();
    assertThat(DocumentId.parse(eightBytes)).isEmpty();
  }

  @Test
  void onlyAutomergeUrlsAreUrls() {
    assertThat(DocumentId.fromUrl("4DuvTj6TeZk8gA6yjPyZrxkfacRi")).isEmpty();
    assertThat(DocumentId.fromUrl("https://example.test/automerge:4DuvTj6TeZk8gA6yjPyZrxkfacRi")).isEmpty();
    assertThat(DocumentId.fromUrl(null)).isEmpty();
    assertThat(DocumentId.parse(null)).isEmpty();
  }
}
