#!/usr/bin/env python3
"""CPU samples of a JFR recording, attributed to the transaction path's stages.

  jfr-stages.py RECORDING.jfr [--top N]

Reads jdk.ExecutionSample events (via the JDK's `jfr print`), and counts each sample once, for the
first stage (in the order below) that any frame of its stack matches; also prints the hottest
self frames. Proportions, not times: on a loaded machine they still say where a node's CPU goes.
"""
import re
import subprocess
import sys
from collections import Counter

# first match wins: the more specific stages come first
STAGES = [
    ("tls (JDK SSLEngine)", r"sun\.security\.ssl\.|javax\.crypto\.|com\.sun\.crypto\."),
    ("rocksdb", r"org\.rocksdb\."),
    ("state root / trie", r"dev\.raftseq\.chain\.(trie|state)\."),
    ("sender recovery", r"dev\.raftseq\.chain\.crypto\.(Secp|Sig|Ecdsa|Recover)|org\.bouncycastle\.math\.ec"),
    ("keccak", r"dev\.raftseq\.chain\.crypto\.Keccak|org\.bouncycastle\.crypto\.digests\.Keccak"),
    ("block execution", r"dev\.raftseq\.(chain\.exec|evm)\."),
    ("tx decode/encode (RLP)", r"dev\.raftseq\.chain\.(codec|rlp)\."),
    # the pool's own code; work the apply path runs under the pool's lock (SynchronizedMempool.atomically)
    # is the apply path's
    ("pool", r"dev\.raftseq\.producer\.mempool\.(?!SynchronizedMempool\.(atomically|lambda))"),
    ("apply path (other)", r"dev\.raftseq\.producer\.ApplyPath"),
    ("production loop", r"dev\.raftseq\.producer\.(ProductionLoop|ProductionService)"),
    ("json-rpc", r"dev\.raftseq\.rpc\.|com\.fasterxml\.jackson"),
    ("ratis log", r"org\.apache\.ratis\.server\.raftlog"),
    ("ratis (other)", r"org\.apache\.ratis\.(?!thirdparty)"),
    ("grpc/protobuf", r"org\.apache\.ratis\.thirdparty\.(io\.grpc|com\.google\.protobuf)"),
    ("netty", r"io\.netty\.|org\.apache\.ratis\.thirdparty\.io\.netty\."),
    ("vert.x http", r"io\.vertx\."),
    ("p2p", r"dev\.raftseq\.p2p\."),
    ("gc/jit/jvm", r"^(jdk\.internal|java\.lang\.invoke)"),
]


def samples(path):
    out = subprocess.run(["jfr", "print", "--stack-depth", "200", "--events", "jdk.ExecutionSample", path],
                         check=True, capture_output=True, text=True).stdout
    for block in out.split("jdk.ExecutionSample {")[1:]:
        m = re.search(r"stackTrace = \[(.*?)\n  \]", block, re.S)
        if not m:
            continue
        frames = [line.strip() for line in m.group(1).strip().splitlines() if line.strip() and line.strip() != "..."]
        thread = re.search(r'sampledThread = "([^"]*)"', block)
        yield (thread.group(1) if thread else "?"), frames


def main():
    path = sys.argv[1]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 15
    stages, selfs, threads = Counter(), Counter(), Counter()
    n = 0
    for thread, frames in samples(path):
        n += 1
        threads[re.sub(r"\d+", "N", thread)] += 1
        if frames:
            selfs[re.sub(r"\(.*", "", frames[0])] += 1
        stage = "other"
        for name, pattern in STAGES:
            if any(re.search(pattern, f) for f in frames):
                stage = name
                break
        stages[stage] += 1
    print(f"{path}: {n} CPU samples")
    for name, c in stages.most_common():
        print(f"  {100.0 * c / max(n, 1):5.1f}%  {name}")
    print("  threads:")
    for name, c in threads.most_common(8):
        print(f"  {100.0 * c / max(n, 1):5.1f}%  {name}")
    print("  hottest frames (self):")
    for name, c in selfs.most_common(top):
        print(f"  {100.0 * c / max(n, 1):5.1f}%  {name}")


if __name__ == "__main__":
    main()
