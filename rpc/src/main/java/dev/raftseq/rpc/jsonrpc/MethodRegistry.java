package dev.raftseq.rpc.jsonrpc;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The methods a server answers, by name. Immutable once built. */
public final class MethodRegistry {
  private final Map<String, RpcMethod> methods;

  private MethodRegistry(Map<String, RpcMethod> methods) {
    this.methods = Collections.unmodifiableMap(methods);
  }

  public static MethodRegistry of(Collection<? extends RpcMethod> methods) {
    Map<String, RpcMethod> byName = new LinkedHashMap<>();
    for (RpcMethod m : methods) {
      if (byName.putIfAbsent(m.name(), m) != null) {
        throw new IllegalArgumentException("duplicate method " + m.name());
      }
    }
    return new MethodRegistry(byName);
  }

  public Optional<RpcMethod> method(String name) {
    return Optional.ofNullable(methods.get(name));
  }

  public Collection<String> names() {
    return methods.keySet();
  }
}
