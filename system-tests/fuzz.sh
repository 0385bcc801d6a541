#!/usr/bin/env bash
# Fuzzes every Jazzer @FuzzTest of the repository for real, one target at a time (each fuzzing JVM
# takes ~2 GB), and prints a summary (see README "Reliability"):
#   ./system-tests/fuzz.sh [--per-target 5m] [--total 2h] [--only REGEX] [--list]
# --per-target  how long to fuzz each target (default 5m); lowered so that all targets fit --total
# --total       bound on the fuzzing time of the whole run (default 2h)
# --only        fuzz only targets whose "module Class#method" matches the extended regex
# A crash, timeout or out-of-memory input Jazzer finds is moved next to the target's seeds as
# src/test/resources/<pkg>/<Class>Inputs/<method>/regression-<hash> (crash-* is git-ignored): the
# normal suite then runs it as a regression test. Exit code 1 when any target found something or
# failed to run. Logs: system-tests/target/fuzz/<run>/; corpora grow in <module>/.cifuzz-corpus/.
set -uo pipefail
cd "$(dirname "$0")/.."

per_target=5m
total=2h
only=""
list=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --per-target) per_target="$2"; shift 2 ;;
    --total) total="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --list) list=true; shift ;;
    *) echo "fuzz: unknown argument $1" >&2; exit 2 ;;
  esac
done

seconds() {
  local v="$1"
  case "$v" in
    *h) echo $(( ${v%h} * 3600 )) ;;
    *m) echo $(( ${v%m} * 60 )) ;;
    *s) echo "${v%s}" ;;
    *) echo "$v" ;;
  esac
}

# "module class method" for every @FuzzTest method
targets=()
while IFS= read -r file; do
  module="${file%%/*}"
  class="$(echo "${file#*/src/test/java/}" | sed 's|/|.|g; s|\.java$||')"
  while IFS= read -r method; do
    entry="$module $class $method"
    if [[ -z "$only" ]] || [[ "$module $class#$method" =~ $only ]]; then
      targets+=("$entry")
    fi
  done < <(awk '/@FuzzTest/ {grab=1; next} grab && match($0, /void [A-Za-z0-9_]+\(/) {print substr($0, RSTART+5, RLENGTH-6); grab=0}' "$file")
done < <(grep -rl --include='*.java' '@FuzzTest' -- */src/test/java | sort)

if [[ ${#targets[@]} -eq 0 ]]; then
  echo "fuzz: no @FuzzTest target matches" >&2
  exit 2
fi
if $list; then
  printf '%s\n' "${targets[@]}" | awk '{print $1 " " $2 "#" $3}'
  exit 0
fi

n=${#targets[@]}
per=$(seconds "$per_target")
budget=$(seconds "$total")
if (( n * per > budget )); then
  per=$(( budget / n ))
  echo "fuzz: $n targets in ${total}: ${per}s each" >&2
fi

run="system-tests/target/fuzz/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$run"
modules=$(printf '%s\n' "${targets[@]}" | awk '{print $1}' | sort -u | paste -sd, -)
echo "fuzz: compiling $modules" >&2
if ! mvn -B -ntp -q -DskipTests test-compile -pl "$modules" -am > "$run/compile.log" 2>&1; then
  echo "fuzz: compilation failed, see $run/compile.log" >&2
  exit 2
fi

summary="$run/summary.md"
{
  echo "| target | fuzzed | executions | result |"
  echo "| --- | --- | --- | --- |"
} > "$summary"
failed=0
start=$(date +%s)
for t in "${targets[@]}"; do
  read -r module class method <<< "$t"
  name="${class##*.}#$method"
  log="$run/$name.log"
  marker="$run/.marker-$name"
  touch "$marker"
  echo "fuzz: $module $name for ${per}s" >&2
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${per}s" timeout $(( per + 900 )) \
    mvn -B -ntp -o test -pl "$module" -am -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfuzz.skip=true > "$log" 2>&1
  rc=$?
  runs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | awk '{print $2 " in " $5 " s"}')
  [[ -z "$runs" ]] && runs="?"
  kept=()
  inputs="$module/src/test/resources/$(dirname "${class//.//}")/${class##*.}Inputs/$method"
  while IFS= read -r finding; do
    [[ -z "$finding" ]] && continue
    mkdir -p "$inputs"
    base="$(basename "$finding")"
    kind="${base%%-*}"
    hash="${base#*-}"
    dest="$inputs/regression-$kind-${hash:0:16}"
    mv "$finding" "$dest"
    kept+=("$dest")
  done < <(find "$module" -path "$module/target" -prune -o -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) -newer "$marker" -print)
  rm -f "$marker"
  if [[ ${#kept[@]} -gt 0 ]]; then
    result="FOUND ${#kept[@]}: ${kept[*]}"
    failed=1
  elif [[ $rc -ne 0 ]]; then
    result="FAILED (exit $rc), see $log"
    failed=1
  else
    result="ok"
  fi
  echo "| $module $name | ${per}s | $runs | $result |" >> "$summary"
done
echo >> "$summary"
echo "$n targets, $(( ($(date +%s) - start) / 60 )) min wall time, $(date -u +%Y-%m-%dT%H:%MZ)" >> "$summary"
cat "$summary"
exit $failed
