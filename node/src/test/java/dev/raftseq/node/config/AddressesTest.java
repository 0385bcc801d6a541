package dev.raftseq.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressesTest {
  private static final String ID = "246e07030b4c48b8f28ab1fdf797a02308b0ca724696b695aabee48ea48298ff"
      + "221144a0c0f14ebf030aea6d5fb6b31bd3a02676204bb13e78336bb824e32f1d";

  @Test
  void hostPortForms() {
    assertThat(HostPort.parse("0.0.0.0:3050")).isEqualTo(new HostPort("0.0.0.0", 3050));
    assertThat(HostPort.parse("localhost:0")).isEqualTo(new HostPort("localhost", 0));
    assertThat(HostPort.parse("[::1]:3050")).isEqualTo(new HostPort("::1", 3050));
    assertThat(HostPort.parse("[fe80::1:2]:1")).isEqualTo(new HostPort("fe80::1:2", 1));
    assertThat(HostPort.parse("[::ffff:127.0.0.1]:1").host()).isEqualTo("::ffff:127.0.0.1");
    assertThat(new HostPort("::1", 3050)).hasToString("[::1]:3050");
    assertThat(new HostPort("127.0.0.1", 3060)).hasToString("127.0.0.1:3060");
    assertThat(new HostPort("h", 1).withPort(2)).isEqualTo(new HostPort("h", 2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost", ":3050", "host:", "host:65536", "host:-1", "::1:3050",
      "a b:1", "[127.0.0.1:3060]:1", "[1:2]:3", "host:3050/x", "http://host:1", "host:123456", ""})
  void hostPortRejects(String text) {
    assertThatThrownBy(() -> HostPort.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void enodeParsesTheSeedsForm() {
    Enode e = Enode.parse("enode://" + ID + "@127.0.0.1:3060");
    assertThat(e.nodeIdHex()).isEqualTo("0x" + ID);
    assertThat(e.host()).isEqualTo("127.0.0.1");
    assertThat(e.port()).isEqualTo(3060);
    assertThat(e.address()).isEqualTo(new HostPort("127.0.0.1", 3060));
    assertThat(e.toUrl()).isEqualTo("enode://" + ID + "@127.0.0.1:3060");
  }

  @Test
  void enodeNormalizesTheIdToLowerCaseAndKeepsHostNamesAndIpv6() {
    Enode e = Enode.parse("enode://" + ID.toUpperCase() + "@node-1.example:30303");
    assertThat(e.nodeIdHex()).isEqualTo("0x" + ID);
    assertThat(e.host()).isEqualTo("node-1.example");
    assertThat(Enode.parse("enode://" + ID + "@[::1]:3060").host()).isEqualTo("::1");
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "enode://" + ID + "@127.0.0.1:0",
    "enode://" + ID + "@127.0.0.1:65536",
    "enode://" + ID + "@127.0.0.1",
    "enode://" + ID + "@127.0.0.1:3060?discport=30301",
    "enode://" + ID + "0@127.0.0.1:3060",
    "enode://0x" + ID + "@127.0.0.1:3060",
    "enode://" + ID + "@:3060",
    "enode://" + ID + "@127.0.0.1:3060 ",
    "enode:/" + ID + "@127.0.0.1:3060",
    "enr:-IS4QHCYrYZbAKWCBRlAy5zzaDZXJBGkcnh4MHcBFZntXNFrdvJjX04jRzjzCBOonrkTfj499SZuOh8R33Ls8RRcy5wBgmlkgnY0",
    "",
  })
  void enodeRejects(String text) {
    assertThatThrownBy(() -> Enode.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
