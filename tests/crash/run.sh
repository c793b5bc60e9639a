#!/usr/bin/env bash
# tests/crash/run.sh — `shokai batch` under kill -9, concurrency and files
# still being written. Every scenario ends with checks through
# `shokai ledger export`, the published results and the archive.
#
#   tests/crash/run.sh [SCENARIO...]    (default: all)
#   scenarios: kill kill-xfs points concurrent growing rerun quarantine pictures
#
# Environment: SHOKAI (default build/shokai), CRASH_KILLS (default 30),
# CRASH_SEED (random kills are reproducible from it), CRASH_WORK (scratch
# folder, default build/crash-test). Prints "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
SHOKAI=${SHOKAI:-$ROOT/build/shokai}
MK=${CRASH_MKSCANS:-$ROOT/build/tests/crash-mkscans}
VERIFY=${CRASH_VERIFY:-$ROOT/build/tests/crash-verify}
SAMPLES=${CRASH_SAMPLES:-$ROOT/build/shokai-samples}
KILLS=${CRASH_KILLS:-30}
SEED=${CRASH_SEED:-$(date +%s)}
WORK=${CRASH_WORK:-$ROOT/build/crash-test}
export OMP_THREAD_LIMIT=1
RANDOM=$SEED

PASS=0
FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok - $*"; }
notok() { FAIL=$((FAIL + 1)); echo "not ok - $*"; }
check() { # check CONDITION-EXIT-STATUS MESSAGE
	if [ "$1" -eq 0 ]; then ok "$2"; else notok "$2"; fi
}
ms() { echo $(($(date +%s%N) / 1000000)); }

for f in "$SHOKAI" "$MK" "$VERIFY"; do
	[ -x "$f" ] || { echo "crash-test: $f is missing (make crash-test builds it)"; exit 2; }
done
if ! "$SHOKAI" batch --help >/dev/null 2>&1; then
	echo "crash-test: $SHOKAI has no 'batch' command"
	exit 2
fi

rm -rf "$WORK"
mkdir -p "$WORK"
# Our own copy: a rebuild of build/shokai during the test must not change it.
cp "$SHOKAI" "$WORK/shokai"
SHOKAI=$WORK/shokai
REG=$WORK/residents.csv
echo "rid,name,kana,birth_date,address,status,overseas,card_expiry,cert_expiry" >"$REG"
echo "# seed $SEED"

# setup DIR [ARCHIVE]: a fresh batch folder layout in DIR.
setup() {
	D=$1
	rm -rf "$D"
	mkdir -p "$D/inbox" "$D/src"
	ARCH=${2:-$D/archive}
	: >"$D/manifest.tsv"
	WAVE=0
}

# wave FILES [RESCANS]: generate the next wave into src/ and copy it to inbox/.
wave() {
	WAVE=$((WAVE + 1))
	local args=(--out "$D/src" --prefix "w$(printf %02d $WAVE)" --files "$1"
		--seed "$((SEED % 100000 + WAVE))" --manifest "$D/manifest.tsv")
	[ "${2:-0}" -gt 0 ] && args+=(--rescan-from "$D/manifest.tsv" --rescans "$2")
	"$MK" "${args[@]}" || { echo "crash-test: crash-mkscans failed"; exit 2; }
	cp "$D/src/w$(printf %02d $WAVE)"_* "$D/inbox/"
}

# batch [ARGS...]: one run over $D; stdout summary in $D/last.out.
batch() {
	"$SHOKAI" batch --inbox "$D/inbox" --archive "$ARCH" --out "$D/out" \
		--ledger "$D/db/ledger.sqlite" --registry "$REG" --as-of 2025-10-01 \
		--settle 0 --max-attempts 0 "$@" >"${OUT:-$D/last.out}" 2>>"$D/log"
}

# batch_exec [ARGS...]: as batch, but the shell becomes shokai, so that
# "batch_exec & pid=$!" gives the pid of shokai itself (for kill -9).
batch_exec() {
	exec "$SHOKAI" batch --inbox "$D/inbox" --archive "$ARCH" --out "$D/out" \
		--ledger "$D/db/ledger.sqlite" --registry "$REG" --as-of 2025-10-01 \
		--settle 0 --max-attempts 0 "$@" >"${OUT:-$D/last.out}" 2>>"$D/log"
}

# finish: clean runs until nothing is left (recovery included).
finish() {
	local i
	for i in 1 2 3; do
		batch "$@"
		[ -z "$(ls -A "$D/inbox")" ] && break
	done
	batch "$@" # one more: any recovery of the previous one is done now
}

verify() { # verify NAME [--reference FILE]
	local name=$1
	shift
	"$SHOKAI" ledger --ledger "$D/db/ledger.sqlite" export >"$D/export.jsonl" 2>>"$D/log"
	"$VERIFY" --manifest "$D/manifest.tsv" --src "$D/src" --export "$D/export.jsonl" \
		--out "$D/out" --archive "$ARCH" --inbox "$D/inbox" "$@" >"$D/verify.txt" 2>&1
	local rc=$?
	sed -n 's/^\(ok\|not ok\) - /  \1: /p; s/^# /  # /p' "$D/verify.txt" | head -40
	check $rc "$name: exactly once ($(tail -1 "$D/verify.txt"))"
	"$SHOKAI" ledger --ledger "$D/db/ledger.sqlite" check >"$D/check.txt" 2>&1
	check $? "$name: ledger check ($(tail -1 "$D/check.txt"))"
}

# reference D: the same waves, each in one uninterrupted run; its export.
reference() {
	local src=$D/src R=$D/ref w
	mkdir -p "$R/inbox"
	for w in $(cd "$src" && ls | sed 's/_.*//' | sort -u); do
		cp "$src/${w}"_* "$R/inbox/"
		"$SHOKAI" batch --inbox "$R/inbox" --archive "$R/archive" --out "$R/out" \
			--ledger "$R/ledger.sqlite" --registry "$REG" --as-of 2025-10-01 \
			--settle 0 >/dev/null 2>>"$R/log"
	done
	"$SHOKAI" ledger --ledger "$R/ledger.sqlite" export >"$R/export.jsonl"
}

# ---- random kills ---------------------------------------------------------
# Runs are killed with SIGKILL after a random delay; a new wave of files
# arrives whenever the inbox is drained, until KILLS kills have landed.
scenario_kill() {
	local name=${1:-kill} files=8 t0 t1 full kills=0 runs=0 natural=0 pid st d jobs
	setup "$WORK/$name" "${2:-}"
	[ -n "${2:-}" ] && rm -rf "$ARCH"
	wave $files
	# Calibrate on a copy: how long does one wave take uninterrupted?
	mkdir -p "$D/cal/inbox"
	cp "$D/src/"* "$D/cal/inbox/"
	t0=$(ms)
	"$SHOKAI" batch --inbox "$D/cal/inbox" --archive "$D/cal/archive" --out "$D/cal/out" \
		--ledger "$D/cal/ledger.sqlite" --registry "$REG" --as-of 2025-10-01 --settle 0 \
		>/dev/null 2>&1
	t1=$(ms)
	full=$((t1 - t0))
	# ... and a run with nothing to do (start-up, lock, ledger, recovery).
	t0=$(ms)
	"$SHOKAI" batch --inbox "$D/cal/inbox" --archive "$D/cal/archive" --out "$D/cal/out" \
		--ledger "$D/cal/ledger.sqlite" --registry "$REG" --as-of 2025-10-01 --settle 0 \
		>/dev/null 2>&1
	t1=$(ms)
	local start=$((t1 - t0)) rem max
	[ $full -le $start ] && full=$((start + 50))
	echo "# $name: a wave of $files files takes ${full} ms, an empty run ${start} ms"
	# Kill within the time the files still there would take; lo is the
	# earliest kill in ms after the start.
	one_kill() {
		local lo=$1
		[ -z "$(ls -A "$D/inbox")" ] && wave $files 2
		jobs=$((RANDOM % 2 + 1))
		rem=$(ls "$D/inbox" | wc -l)
		max=$((start + (full - start) * rem / files * 12 / 10))
		[ $max -le "$lo" ] && max=$((lo + 50))
		d=$((lo + RANDOM * (max - lo) / 32768))
		batch_exec --jobs $jobs &
		pid=$!
		sleep "$(printf '%d.%03d' $((d / 1000)) $((d % 1000)))"
		kill -9 $pid 2>/dev/null
		{ wait $pid; } 2>/dev/null
		st=$?
		runs=$((runs + 1))
		if [ $st -eq 137 ]; then
			kills=$((kills + 1))
		else
			natural=$((natural + 1))
		fi
	}
	retaken() {
		"$SHOKAI" ledger --ledger "$D/db/ledger.sqlite" files | awk -F'\t' 'NR > 1 && $4 > 1' | wc -l
	}
	while [ $kills -lt "$KILLS" ]; do
		one_kill 0
	done
	# Random delays can all land outside a file's processing (loading the
	# recognisers takes most of a run of these small files). If none cut a
	# file short, kill one run at the step after processing (the test hook)
	# so that the check below always tests recovery of work in progress.
	if [ "$(retaken)" -eq 0 ]; then
		[ -z "$(ls -A "$D/inbox")" ] && wave $files 2
		SHOKAI_CRASHPOINT=processed:1 batch_exec --jobs 1 &
		pid=$!
		{ wait $pid; } 2>/dev/null
		[ $? -eq 137 ] && kills=$((kills + 1))
		runs=$((runs + 1))
	fi
	finish
	local died claimed_twice
	died=$("$SHOKAI" ledger --ledger "$D/db/ledger.sqlite" runs | grep -c $'\trecovered\t')
	claimed_twice=$(retaken)
	echo "# $name: $runs runs, $kills killed with SIGKILL, $natural finished by themselves, $WAVE waves;"
	echo "# $name: $died runs died after they had started (ledger), $claimed_twice files were taken up again after a kill"
	check $((kills < KILLS)) "$name: $kills kills landed (at least $KILLS)"
	check $((died == 0 || claimed_twice == 0)) "$name: kills hit runs in the middle of their work"
	pgrep -f "$D/inbox" >/dev/null
	check $((1 - $?)) "$name: no killed run left a process behind"
	reference
	verify "$name" --reference "$D/ref/export.jsonl"
}

# ---- named crash points ---------------------------------------------------
# Each case is a chain: run with SHOKAI_CRASHPOINT set to each point in turn
# (each run must die there), then clean runs; then the checks.
scenario_points() {
	local xfs="" cases c p i st died all_died
	local shm=/dev/shm
	if [ -d $shm ] && [ -w $shm ] && [ "$(stat -c %d $shm)" != "$(stat -c %d "$WORK")" ]; then
		xfs=$shm/shokai-crash-$$
	fi
	cases="started claimed:2 processed:2 recorded:2 published:2 moved:2 archived:2
	       before-publish published-run recorded+recovery-moved published+rebuilt
	       recorded:3+recorded:1+recovery-moved"
	for c in $cases xfs:move-copied:2 xfs:move-renamed:2 xfs:recorded:2+move-copied; do
		local arch=""
		if [ "${c#xfs:}" != "$c" ]; then
			c=${c#xfs:}
			if [ -z "$xfs" ]; then
				notok "points $c: needs an archive on another file system (/dev/shm)"
				continue
			fi
			arch=$xfs/archive-$c
		fi
		setup "$WORK/points/$c" "$arch"
		[ -n "$arch" ] && rm -rf "$arch"
		wave 4
		all_died=0
		i=0
		for p in ${c//+/ }; do
			i=$((i + 1))
			[ $i -gt 1 ] && [ -z "$(ls -A "$D/inbox")" ] && wave 2 1
			{ SHOKAI_CRASHPOINT=$p batch; } 2>/dev/null
			st=$?
			[ $st -eq 137 ] || { all_died=1; echo "  # run with $p ended with $st"; }
		done
		check $all_died "points $c: each run died at its crash point"
		finish
		verify "points $c"
	done
	[ -n "$xfs" ] && rm -rf "$xfs"
}

# ---- two runs at once -----------------------------------------------------
scenario_concurrent() {
	local i a b sa sb busy=0 both=0 D2
	setup "$WORK/concurrent"
	for i in 1 2 3 4 5; do
		wave 6 1
		batch_exec & a=$!
		batch_exec & b=$!
		wait $a; sa=$?
		wait $b; sb=$?
		if { [ $sa -eq 4 ] && [ $sb -le 1 ]; } || { [ $sb -eq 4 ] && [ $sa -le 1 ]; }; then
			busy=$((busy + 1))
		else
			echo "  # pair $i exited $sa and $sb"
		fi
	done
	check $((busy != 5)) "concurrent: in $busy of 5 pairs started together one ran, the other said BUSY (exit 4)"
	# --wait: the second run waits for the first, then finds nothing left.
	wave 6 1
	OUT=$D/a.out batch_exec --wait & a=$!
	OUT=$D/b.out batch_exec --wait & b=$!
	wait $a; sa=$?
	wait $b; sb=$?
	grep -q "files=0 " "$D/a.out" "$D/b.out" && grep -q "files=6 " "$D/a.out" "$D/b.out" && both=1
	check $((sa > 1 || sb > 1 || !both)) "concurrent --wait: both runs ended well ($sa, $sb), one found nothing left"
	# Another ledger on the same inbox: the inbox lock keeps them apart.
	wave 6 1
	D2=$WORK/concurrent-other
	mkdir -p "$D2"
	batch_exec & a=$!
	# Start the second only once the first holds the locks (it writes its
	# pid into the lock file between taking the two; polling with flock
	# would itself hold the lock for a moment).
	for i in $(seq 300); do
		[ "$(cat "$D/db/ledger.sqlite.lock" 2>/dev/null)" = "$a" ] && break
		sleep 0.01
	done
	sleep 0.05
	"$SHOKAI" batch --inbox "$D/inbox" --archive "$D2/archive" --out "$D2/out" \
		--ledger "$D2/ledger.sqlite" --registry "$REG" --settle 0 >/dev/null 2>&1 & b=$!
	wait $a; sa=$?
	wait $b; sb=$?
	check $((sb != 4 || sa > 1)) "concurrent, two ledgers: the second run found the inbox locked ($sa, $sb)"
	verify "concurrent"
}

# ---- a file still being written -------------------------------------------
scenario_growing() {
	local size chunk i took_early=0 waited=0 full rc
	setup "$WORK/growing"
	"$MK" --out "$D/src" --prefix g --files 1 --seed 5 --manifest "$D/manifest.tsv" || exit 2
	local f
	f=$(cd "$D/src" && ls)
	size=$(stat -c %s "$D/src/$f")
	chunk=$(((size + 7) / 8))
	full=$(sha256sum <"$D/src/$f" | cut -c1-64)
	# The writer: 8 chunks, 0.5 s apart.
	(
		for i in 0 1 2 3 4 5 6 7; do
			dd if="$D/src/$f" of="$D/inbox/$f" bs=$chunk skip=$i seek=$i count=1 \
				conv=notrunc status=none
			sleep 0.5
		done
	) &
	local writer=$! seen=0
	while kill -0 $writer 2>/dev/null; do
		batch --settle 2
		if [ -e "$D/inbox/$f" ]; then
			seen=1
			grep -q "waiting=1 " "$D/last.out" && waited=$((waited + 1))
		elif [ $seen -eq 1 ]; then
			took_early=1
		fi
		sleep 0.3
	done
	wait $writer
	check $((took_early || waited < 3)) "growing: $waited runs during the write left the file waiting, none took it"
	batch --settle 2
	[ -e "$D/inbox/$f" ]
	check $? "growing: taken by no run within 2 s of the last write"
	sleep 2.2
	batch --settle 2
	[ -e "$D/inbox/$f" ] && rc=1 || rc=0
	check $rc "growing: taken once it has been still for 2 s"
	verify "growing"
	local got
	got=$("$SHOKAI" ledger --ledger "$D/db/ledger.sqlite" export | grep -o '"sha256":"[0-9a-f]*"' | sort -u | cut -d'"' -f4)
	[ "$got" = "$full" ]
	check $? "growing: the ledger knows only the complete file's SHA-256"

	# The scanner's done-marker: without it a complete file waits.
	setup "$WORK/growing-marker"
	"$MK" --out "$D/src" --prefix m --files 2 --seed 6 --manifest "$D/manifest.tsv" || exit 2
	cp "$D/src/"* "$D/inbox/"
	batch --done-marker .done
	grep -q "waiting=2 " "$D/last.out"
	check $? "done-marker: files without their marker wait ($(cut -d' ' -f3-5,12 "$D/last.out"))"
	for f in "$D/inbox/"*; do touch "$f.done"; done
	batch --done-marker .done
	[ -z "$(ls -A "$D/inbox")" ]
	check $? "done-marker: with the markers the files are taken and the markers removed"
	verify "done-marker"
}

# ---- re-running on files already recorded ---------------------------------
scenario_rerun() {
	local before after f
	setup "$WORK/rerun"
	wave 4
	batch
	"$SHOKAI" ledger --ledger "$D/db/ledger.sqlite" export >"$D/before.jsonl"
	f=$(ls "$D/src" | head -1)
	cp "$D/src/$f" "$D/inbox/$f"
	batch
	"$SHOKAI" ledger --ledger "$D/db/ledger.sqlite" export >"$D/after.jsonl"
	cmp -s "$D/before.jsonl" "$D/after.jsonl"
	check $? "rerun: a file recorded before changes nothing in the ledger ($(wc -l <"$D/after.jsonl") pages)"
	grep -q "already=1 " "$D/last.out" && [ -z "$(ls -A "$D/inbox")" ]
	check $? "rerun: reported as already recorded and moved out of the inbox"
	batch
	grep -q ": OK run=.* files=0 pages=0 " "$D/last.out"
	check $? "rerun: a run with nothing to do ($(cut -d' ' -f3-5 "$D/last.out"))"
}

# ---- a file that kills every run ------------------------------------------
scenario_quarantine() {
	local st1 st2 st3 line
	setup "$WORK/quarantine"
	wave 3
	{ SHOKAI_CRASHPOINT=processed batch --max-attempts 2; } 2>/dev/null; st1=$?
	{ SHOKAI_CRASHPOINT=processed batch --max-attempts 2; } 2>/dev/null; st2=$?
	batch --max-attempts 2; st3=$?
	check $((st1 != 137 || st2 != 137 || st3 != 1)) "quarantine: two killed runs, then exit 1 ($st1 $st2 $st3)"
	line=$("$SHOKAI" ledger --ledger "$D/db/ledger.sqlite" export | grep '"file":"w01_001')
	[ "$(echo "$line" | wc -l)" -eq 1 ] && echo "$line" | grep -q '"decision":"REVIEW".*interrupted 2 times'
	check $? "quarantine: the file is recorded once for review without processing"
	# Its pages are not in the manifest any more: only one page recorded.
	awk -F'\t' '$1 !~ /^w01_001/ || $2 == 1' "$D/manifest.tsv" >"$D/m2" && mv "$D/m2" "$D/manifest.tsv"
	verify "quarantine"
}

# ---- review pictures ---------------------------------------------------------
# --review-pictures needs real forms (the crash scans have no form to draw),
# so these cases use the sample generator: two "nights" of demo batches whose
# scanners use the same file names. Generated once per test run.
PIC_GEN=$WORK/pictures-gen

pic_gen() {
	local n=0 s
	[ -f "$PIC_GEN/residents.csv" ] && return 0
	mkdir -p "$PIC_GEN"
	for s in 5 2; do
		n=$((n + 1))
		"$SAMPLES" --preset demo --seed $s --as-of 2025-10-01 --out "$PIC_GEN/n$n" --quiet \
			>"$PIC_GEN/n$n.log" 2>&1 || return 1
	done
	{ cat "$PIC_GEN/n1/residents.csv"; tail -n +2 "$PIC_GEN/n2/residents.csv"; } \
		>"$PIC_GEN/residents.csv"
	# Setagaya's profile with a gate no reading reaches: every form page is
	# left to a person and names its places, so the pictures these cases
	# are about exist whatever the recogniser reads (with the real gate a
	# better model left night 1 with none).
	sed 's/"confidence_gate": *[0-9.]*/"confidence_gate": 1/' \
		"$ROOT/models/profile-setagaya.json" >"$PIC_GEN/strict.json"
	grep -q '"confidence_gate": 1,' "$PIC_GEN/strict.json"
}

# night N: night N's scans into the inbox under their own names, pristine
# copies into src/ as nN_NAME, and their pages (from the truth) into the
# manifest.
night() {
	local n=$1 g=$PIC_GEN/n$1 f line file page serial
	for f in $(ls "$g/inbox"); do
		cp "$g/inbox/$f" "$D/src/n${n}_$f"
		cp "$g/inbox/$f" "$D/inbox/$f"
	done
	while IFS= read -r line; do
		file=$(echo "$line" | sed -n 's/^{"file": "\([^"]*\)".*/\1/p')
		page=$(echo "$line" | sed -n 's/^{"file": "[^"]*", "page": \([0-9]*\),.*/\1/p')
		serial=$(echo "$line" | grep -o '"serial": "[0-9]*"' | head -1 | cut -d'"' -f4)
		printf 'n%s_%s\t%s\t%s\n' "$n" "$file" "$page" "${serial:--}" >>"$D/manifest.tsv"
	done <"$g/expected.jsonl"
}

# pins NAME: no file of the output or the ledger holds a PIN of either night.
pins() {
	local n leaks=0 one
	one=$(ls "$D"/out/*/*/results.jsonl | head -1)
	for n in 1 2; do
		"$SHOKAI" score --pins-under "$D/out" --expected "$PIC_GEN/n$n/expected.jsonl" \
			"$one" >"$D/pins.txt" 2>&1
		grep -q '^pins: .*: 0$' "$D/pins.txt" || leaks=$((leaks + 1))
		"$SHOKAI" score --pins-under "$D/db" --expected "$PIC_GEN/n$n/expected.jsonl" \
			"$one" >"$D/pins.txt" 2>&1
		grep -q '^pins: .*: 0$' "$D/pins.txt" || leaks=$((leaks + 1))
	done
	check $leaks "$1: no PIN in the output folders or the ledger (score --pins-under)"
}

scenario_pictures() {
	local REG n c st rebuilt
	if [ ! -x "$SAMPLES" ]; then
		notok "pictures: $SAMPLES is missing (make builds it)"
		return
	fi
	pic_gen || { notok "pictures: the sample generator failed (see $PIC_GEN)"; return; }
	REG=$PIC_GEN/residents.csv

	# Two nights; the second takes the option from the config file.
	setup "$WORK/pictures/nights"
	night 1
	batch --review-pictures --profile "$PIC_GEN/strict.json"
	(cd "$D/out" && find . -path '*/review/*' -type f -exec sha256sum {} +) >"$D/night1.sha256"
	n=$(wc -l <"$D/night1.sha256")
	night 2
	printf 'review-pictures = yes   # for the supervisors\nprofile = %s\n' \
		"$PIC_GEN/strict.json" >"$D/shokai.conf"
	batch --config "$D/shokai.conf"
	[ "$n" -gt 0 ] && (cd "$D/out" && sha256sum -c --quiet "$D/night1.sha256")
	check $? "pictures: night 2 reused night 1's file names and left its $n pictures as they were"
	n=$(ls -d "$D"/out/*/*/review 2>/dev/null | wc -l)
	check $((n != 2)) "pictures: each night's run has its own review folder ($n)"
	verify "pictures nights" --pictures 2
	pins "pictures nights"

	# A kill after the second file was processed, before it was recorded
	# (its pictures are orphans of the dead run; the first file's are named
	# by the rebuilt results), and a kill after all were recorded, before
	# anything was published (the rebuilt results name every picture).
	for c in processed:2 before-publish; do
		setup "$WORK/pictures/$c"
		night 1
		{ SHOKAI_CRASHPOINT=$c batch --review-pictures --profile "$PIC_GEN/strict.json"; } 2>/dev/null
		st=$?
		check $((st != 137)) "pictures $c: the run died at its crash point ($st)"
		finish --review-pictures --profile "$PIC_GEN/strict.json"
		# at least one picture, so that the case is not empty (the strict
		# gate makes every form page name its places)
		verify "pictures $c" --pictures 1
		pins "pictures $c"
	done
	rebuilt=$(grep -l '^state: interrupted before it finished' "$D"/out/*/*/report.txt | head -1)
	n=0
	[ -n "$rebuilt" ] && n=$(grep -c '"review_picture":"' "${rebuilt%/report.txt}/results.jsonl")
	check $((n < 1)) "pictures before-publish: the results rebuilt by the next run name $n pictures (verified above to exist)"
}

SCEN=${*:-kill kill-xfs points concurrent growing rerun quarantine pictures}
T0=$(date +%s)
for s in $SCEN; do
	echo "== $s"
	case $s in
	kill) scenario_kill kill ;;
	kill-xfs)
		if [ -d /dev/shm ] && [ "$(stat -c %d /dev/shm)" != "$(stat -c %d "$WORK")" ]; then
			KILLS=$((KILLS / 2 > 10 ? KILLS / 2 : 10)) scenario_kill kill-xfs /dev/shm/shokai-crash-$$
			rm -rf /dev/shm/shokai-crash-$$
		else
			notok "kill-xfs: no second file system (/dev/shm) for the archive"
		fi
		;;
	points) scenario_points ;;
	concurrent) scenario_concurrent ;;
	growing) scenario_growing ;;
	rerun) scenario_rerun ;;
	quarantine) scenario_quarantine ;;
	pictures) scenario_pictures ;;
	*) echo "unknown scenario $s"; exit 2 ;;
	esac
done
echo "# crash tests took $(($(date +%s) - T0)) s (seed $SEED)"
echo "$PASS passed, $FAIL failed"
[ $FAIL -eq 0 ]
