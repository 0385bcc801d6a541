package dev.raftseq.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftseq.chain.crypto.NodeKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** node.key: created private and atomically, kept across restarts, refused when others can read it. */
class NodeKeyFileTest {
  private static final String KEY = "0af6153646bbf600f55ce455e1995283542b1ae25ce2622ce1fda443927c5308";

  @TempDir Path dir;

  @Test
  void createsTheKeyOwnerOnlyAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("db/node.key");

    NodeKey key = NodeKeyFile.loadOrCreate(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.readString(file)).isEqualTo(dev.raftseq.chain.types.Hex.encode(key.privateKey()).substring(2));
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("node.key");
    }
  }

  @Test
  void theSameKeyIsLoadedAfterARestart() {
    Path file = dir.resolve("node.key");
    NodeKey first = NodeKeyFile.loadOrCreate(file);

    assertThat(NodeKeyFile.loadOrCreate(file)).isEqualTo(first);
  }

  @Test
  void twoNodesGetDifferentKeys() {
    assertThat(NodeKeyFile.loadOrCreate(dir.resolve("a/node.key")))
        .isNotEqualTo(NodeKeyFile.loadOrCreate(dir.resolve("b/node.key")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----", "r--r--r--", "rw-rw-rw-"})
  void aKeyItsGroupOrOthersCanAccessIsRefusedWithTheFix(String mode) throws IOException {
    Path file = dir.resolve("node.key");
    Files.writeString(file, KEY);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));

    assertThatThrownBy(() -> NodeKeyFile.loadOrCreate(file))
        .isInstanceOf(StartupException.class)
        .hasMessage("refusing the node key: " + file + " holds a secret key but is accessible to its group or to"
            + " others (mode " + mode + "); run `chmod 600 " + file + "` (or 400) so only its owner can read it; or"
            + " remove it to have a new key generated");
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-------", "r--------"})
  void anOwnerOnlyKeyIsAccepted(String mode) throws IOException {
    Path file = dir.resolve("node.key");
    Files.writeString(file, KEY + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));

    assertThat(NodeKeyFile.loadOrCreate(file).nodeIdHex()).isEqualTo(NodeKey.fromHex(KEY).nodeIdHex());
  }

  @Test
  void aCorruptKeyStopsTheStartNamingTheFile() throws IOException {
    Path file = dir.resolve("node.key");
    Files.writeString(file, "not a key");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    assertThatThrownBy(() -> NodeKeyFile.loadOrCreate(file))
        .isInstanceOf(StartupException.class)
        .hasMessageStartingWith("cannot read or create the node key " + file + ": ");
  }
}
