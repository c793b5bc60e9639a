#!/bin/sh
# End-to-end tests on pages from the project's own generator: no ../shared.
#   1. a generated batch (every scenario and scanner variation) through
#      `shokai run`, scored against its truth;
#   2. bad input: corrupt, empty and truncated files go to REVIEW with the
#      reason, the rest of the batch is decided, and no input is changed.
set -eu
cd "$(dirname "$0")/.."
B=build/it
rm -rf "$B"
mkdir -p "$B"
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }

# --- 1. generated batch ---------------------------------------------------
# (the checks below need a page whose date stays in doubt: seed 4242's lost
# its doubts when the two dates came to be read beside each other)
build/shokai-samples --preset test --seed 4243 --out "$B/batch" >"$B/gen.log" 2>&1 ||
	{ cat "$B/gen.log"; bad "generator runs"; exit 1; }
as_of=$(sed -n 's/.*"as_of": *"\([0-9-]*\)".*/\1/p' "$B/batch/batch.json")
set +e
build/shokai run --as-of "$as_of" --registry "$B/batch/residents.csv" --review-pictures \
	--out "$B/out" "$B/batch/inbox" >"$B/run.log" 2>"$B/run.err"
rc=$?
set -e
cat "$B/run.log"
[ "$rc" -le 1 ] && ok "run exits 0 or 1 (got $rc)" || bad "run exits 0 or 1 (got $rc)"
build/shokai score --pins-under "$B/out" --expected "$B/batch/expected.jsonl" \
	"$B/out/results.jsonl" >"$B/score.txt" || true
grep -E '^(LOST|PIN)' "$B/score.txt" || true
line=$(grep '^score:' "$B/score.txt")
echo "$line"
[ "$(echo "$line" | field false_accept)" = 0 ] && ok "no false ACCEPT" || bad "no false ACCEPT"
[ "$(echo "$line" | field wrong_serial)" = 0 ] && ok "no wrong serial" || bad "no wrong serial"
[ "$(echo "$line" | field missing_serial)" = 0 ] && ok "every form serial read" || bad "every form serial read"
[ "$(echo "$line" | field lost)" = 0 ] && ok "no page lost" || bad "no page lost"
[ "$(echo "$line" | field extra)" = 0 ] && ok "no page invented" || bad "no page invented"
b=$(echo "$line" | field blank); [ "${b%/*}" = "${b#*/}" ] && [ "${b#*/}" -gt 0 ] &&
	ok "blank pages BLANK ($b)" || bad "blank pages BLANK ($b)"
f=$(echo "$line" | field foreign); [ "${f%/*}" = "${f#*/}" ] && [ "${f#*/}" -gt 0 ] &&
	ok "foreign pages REVIEW/UNIDENTIFIED ($f)" || bad "foreign pages REVIEW/UNIDENTIFIED ($f)"
x=$(echo "$line" | field xform_max_mm); n=$(echo "$line" | field xform_pages)
[ "$n" -gt 0 ] && awk "BEGIN{exit !($x < 0.3)}" &&
	ok "fitted map within 0.3 mm of the generator's at every field corner ($n pages, max $x mm)" ||
	bad "fitted map within 0.3 mm ($n pages, max $x mm)"
r=$(echo "$line" | field residual_max_mm)
awk "BEGIN{exit !($r < 0.5)}" && ok "registration residual < 0.5 mm (max $r)" || bad "registration residual (max $r)"
grep -q '^pins: .*: 0$' "$B/score.txt" && ok "no PIN under the output folder" || bad "no PIN under the output folder"
mode=$(stat -c %a "$B/out/results.jsonl")
[ "$mode" = 600 ] && ok "results.jsonl is 0600" || bad "results.jsonl is 0600 (got $mode)"
# review pictures: one for each page whose checks could not decide, private
doubtful=$(grep -c '"確認が必要な箇所' "$B/out/results.jsonl" || true)
pics=$(grep -o '"review_picture":"[^"]*"' "$B/out/results.jsonl" | sed 's/.*:"\(.*\)"/\1/' || true)
npics=0; private=0
for p in $pics; do
	npics=$((npics + 1))
	[ -f "$p" ] && [ "$(stat -c %a "$p")" = 600 ] && private=$((private + 1))
done
[ "$npics" = "$doubtful" ] && [ "$private" = "$npics" ] &&
	ok "a 0600 review picture for each undecided page ($npics of $doubtful)" ||
	bad "a 0600 review picture for each undecided page ($private private, $npics of $doubtful)"

# eval: a line for each of the truth's 19 fields, dates scored on every form,
# the summary line last, and no PIN in what it prints
mkdir -p "$B/eval"
OMP_THREAD_LIMIT=1 build/shokai eval "$B/batch" >"$B/eval/eval.txt" 2>&1 || true
nf=$(grep -cE '^  [a-z_]+ +[0-9]+/[0-9]+ +[0-9.]+%$' "$B/eval/eval.txt" || true)
[ "$nf" = 19 ] && ok "eval: accuracy of each of the 19 fields" || bad "eval: 19 field lines (got $nf)"
forms=$(sed -n 's/^forms \([0-9]*\),.*/\1/p' "$B/eval/eval.txt")
grep -qE "^  answer_date +[0-9]+/$forms " "$B/eval/eval.txt" && [ "${forms:-0}" -gt 0 ] &&
	ok "eval: the answer date scored on all $forms forms" || bad "eval: answer date on every form"
dl=$(grep '^date cells ' "$B/eval/eval.txt" || true)
dn=$(echo "$dl" | sed -n 's/^date cells \([0-9]*\): below the gate \([0-9]*\) .*, wrong \([0-9]*\);.*/\1 \2 \3/p')
set -- $dn
[ $# = 3 ] && [ "$1" -ge "$forms" ] && [ "$2" -le "$1" ] && [ "$3" -le "$1" ] &&
	ok "eval: date cells and their doubts ($dl)" || bad "eval: date cells line ($dl)"
kl=$(grep '^PIN and phone cells: ' "$B/eval/eval.txt" || true)
kn=$(echo "$kl" | sed -n 's/.*kind (letter, digit, other) right \([0-9]*\)\/\([0-9]*\); characters read wrong at or above the gate \([0-9]*\) .*/\1 \2 \3/p')
set -- $kn
[ $# = 3 ] && [ "$2" -gt 0 ] && [ "$1" -le "$2" ] && [ "$3" -le "$2" ] &&
	ok "eval: PIN and phone cells scored by kind ($kl)" || bad "eval: kind line ($kl)"
vl=$(grep '^printed readings checked' "$B/eval/eval.txt" || true)
vn=$(echo "$vl" | sed -n 's/.*drawing: \([0-9]*\), right \([0-9]*\)$/\1 \2/p')
set -- $vn
[ $# = 2 ] && [ "$1" -gt 0 ] && [ "$1" = "$2" ] &&
	ok "eval: every printed line checked by drawing is right ($vl)" ||
	bad "eval: printed lines checked by drawing ($vl)"
tail -n 1 "$B/eval/eval.txt" | grep -qE '^eval: chars=[0-9.]+% digits=[0-9.]+% letters=[0-9.]+% checkbox=[0-9.]+% seal=[0-9.]+% presence=[0-9.]+% printed=[0-9.]+% auto_errors=[0-9]+$' &&
	ok "eval: summary line" || bad "eval: summary line"
build/shokai score --pins-under "$B/eval" --expected "$B/batch/expected.jsonl" \
	"$B/out/results.jsonl" 2>/dev/null | grep -q '^pins: .*: 0$' &&
	ok "eval prints no PIN" || bad "eval prints no PIN"

# a date the rules could not decide says which of its boxes, in results and CSV
# (on a REVIEW page, or among a REJECT page's 「このほか確認が必要な箇所」)
grep -qE '"(このほか)?確認が必要な箇所：[^"]*日' "$B/out/results.jsonl" &&
	grep -q '日：[^"]*が判読できません"' "$B/out/results.jsonl" &&
	grep -q '判読できません' "$B/out/results.csv" &&
	ok "a doubtful date names its unreadable boxes" || bad "a doubtful date names its unreadable boxes"

# a page rejected for what is sure, with other checks undecided, says where
# else to look (in results and CSV)
rj=$(grep '"decision":"REJECT"' "$B/out/results.jsonl" | grep '"uncertain":\["' || true)
n1=$(printf '%s' "$rj" | grep -c . || true)
n2=$(printf '%s' "$rj" | grep -c '"このほか確認が必要な箇所：' || true)
[ "$n1" -gt 0 ] && [ "$n1" = "$n2" ] && grep -q 'このほか確認が必要な箇所' "$B/out/results.csv" &&
	ok "a rejected page names its undecided checks too ($n2 of $n1)" ||
	bad "a rejected page names its undecided checks too ($n2 of $n1)"

# what-if: the same batch with the dates' truth in place of their readings.
# No date check may be left in doubt, no PIN may reach the output, and the
# pages are the same as those of `shokai run`.
build/what-if --assume answer_date,mandate_date "$B/batch" "$B/whatif" >"$B/whatif.log" 2>&1 ||
	{ cat "$B/whatif.log"; bad "what-if runs"; }
grep -q '"uncertain":\[[^]]*DATE_INVALID' "$B/whatif/results.jsonl" &&
	bad "what-if: no date left in doubt" || ok "what-if: no date left in doubt"
[ "$(wc -l <"$B/whatif/results.jsonl")" = "$(wc -l <"$B/out/results.jsonl")" ] &&
	ok "what-if: every page decided" || bad "what-if: every page decided"
build/shokai score --pins-under "$B/whatif" --expected "$B/batch/expected.jsonl" \
	"$B/whatif/results.jsonl" 2>/dev/null | grep -q '^pins: .*: 0$' &&
	ok "what-if: no PIN under its output" || bad "what-if: no PIN under its output"

# --- 2. bad input -----------------------------------------------------------
mkdir -p "$B/bad"
first=$(ls "$B/batch/inbox" | head -n 1)
cp "$B/batch/inbox/$first" "$B/bad/a_good_${first}"
: >"$B/bad/b_empty.tif"
head -c 3000 "$B/batch/inbox/$first" >"$B/bad/c_truncated_${first}"
printf 'not an image at all\n' >"$B/bad/d_text.png"
(cd "$B/bad" && sha256sum * >../bad.sha256)
set +e
build/shokai run --as-of "$as_of" --registry "$B/batch/residents.csv" \
	--out "$B/bad-out" "$B/bad" >"$B/bad.log" 2>"$B/bad.err"
rc=$?
set -e
[ "$rc" -le 1 ] && ok "a batch with broken files still finishes (exit $rc)" || bad "broken files (exit $rc)"
(cd "$B/bad" && sha256sum -c --quiet ../bad.sha256) && ok "inputs unchanged" || bad "inputs unchanged"
for f in b_empty.tif c_truncated_ d_text.png; do
	grep "\"file\":\"[^\"]*$f" "$B/bad-out/results.jsonl" | grep -q '"decision":"REVIEW"' &&
		ok "$f → REVIEW" || bad "$f → REVIEW"
done
grep -q '"note":"' "$B/bad-out/results.jsonl" && ok "the reason is given" || bad "the reason is given"
grep -q "a_good_" "$B/bad-out/results.jsonl" && ok "the good file is still processed" || bad "good file processed"
grep -q "error" "$B/bad.err" && ok "errors are logged on stderr" || bad "errors logged"

# --- 3. a page whose QR code is gone ----------------------------------------
# A stain over the QR leaves the barcode's serial but no payload (no rid,
# expiry or print date): the page goes to a person, and says why in Japanese.
mkdir -p "$B/noqr"
form1=$(grep '"page": 1, "kind": "form"' "$B/batch/expected.jsonl" | grep -v stained |
	head -n 1 | sed 's/^{"file": "\([^"]*\)".*/\1/')
if build/tests/hide-qr "$B/batch/inbox/$form1" "$B/noqr/noqr.png" 2>"$B/noqr.err"; then
	set +e
	build/shokai run --as-of "$as_of" --registry "$B/batch/residents.csv" \
		--out "$B/noqr-out" "$B/noqr/noqr.png" >"$B/noqr.log" 2>&1
	set -e
	line=$(cat "$B/noqr-out/results.jsonl")
	echo "$line" | grep -q '"decision":"REVIEW"' && echo "$line" | grep -q '"id_source":"code128"' &&
		ok "QR painted over ($form1 p1): REVIEW, serial from the barcode" ||
		bad "QR painted over ($form1 p1): REVIEW, serial from the barcode"
	echo "$line" | grep -q 'QRコードが読み取れず' &&
		ok "QR painted over: the reason in Japanese" || bad "QR painted over: the reason in Japanese"
else
	cat "$B/noqr.err"
	bad "hide-qr paints over the QR code of $form1"
fi

echo "integration: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
