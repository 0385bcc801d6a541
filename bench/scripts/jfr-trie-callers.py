#!/usr/bin/env python3
"""Where a JFR recording's state-root/trie samples come from: the entry frame into chain.trie/chain.state
and its caller, and the innermost trie frames.   jfr-trie-callers.py RECORDING.jfr"""
import importlib.util, os, re, sys
from collections import Counter
# the samples as jfr-stages.py reads them
_spec=importlib.util.spec_from_file_location("jfr_stages", os.path.join(os.path.dirname(os.path.abspath(__file__)), "jfr-stages.py"))
jfr_stages=importlib.util.module_from_spec(_spec); _spec.loader.exec_module(jfr_stages)
path=sys.argv[1]
c=Counter(); leafs=Counter(); n=0
pat=re.compile(r"dev\.raftseq\.chain\.(trie|state)\.")
for _thread, frames in jfr_stages.samples(path):
    frames=[re.sub(r"\(.*","",f).replace("line:","") for f in frames]
    frames=[re.sub(r"\s+\d+$","",f) for f in frames]
    idx=[i for i,f in enumerate(frames) if pat.search(f)]
    if not idx: continue
    n+=1
    outer=idx[-1]
    caller=frames[outer+1] if outer+1<len(frames) else "?"
    c[(frames[outer].split()[0], caller.split()[0])]+=1
    leafs[frames[idx[0]].split()[0]]+=1
print(n,"trie samples")
for k,v in c.most_common(12): print(v, k[0], "<-", k[1])
print("innermost trie frames:")
for k,v in leafs.most_common(12): print(v,k)
