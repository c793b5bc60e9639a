#!/bin/sh
# build.sh — compile the libFuzzer targets into build/fuzz/ with clang,
# ASan and UBSan. Each target is built from the pipeline sources it needs,
# compiled directly (not through the Makefile's library).
#
#   tests/fuzz/build.sh            build every target
#   tests/fuzz/build.sh payload    build one (payload normalize dates registry model cellrec)
set -eu
cd "$(dirname "$0")/../.."
OUT=build/fuzz
mkdir -p "$OUT"
CC=${CC:-clang}
CFLAGS="-std=c11 -D_GNU_SOURCE -g -O1 -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
	-fno-omit-frame-pointer -Ipipeline"

# build NAME "SOURCES" "PKG-CONFIG PACKAGES" "OTHER LIBS" (libcsv has no .pc)
build() {
	echo "  FUZZ    $OUT/fuzz_$1"
	pc_cflags= pc_libs=
	if [ -n "$3" ]; then
		pc_cflags=$(pkg-config --cflags $3)
		pc_libs=$(pkg-config --libs $3)
	fi
	# shellcheck disable=SC2086
	$CC $CFLAGS $pc_cflags -o "$OUT/fuzz_$1" "tests/fuzz/fuzz_$1.c" $2 $pc_libs $4 -lm
}

want=${*:-payload normalize dates registry model cellrec}
for t in $want; do
	case $t in
	payload)   build payload "pipeline/payload.c" zlib "" ;;
	normalize) build normalize "pipeline/normalize.c pipeline/utf8.c" "" "" ;;
	dates)     build dates "pipeline/dates.c pipeline/utf8.c" "" "" ;;
	registry)  build registry "pipeline/registry.c pipeline/dates.c pipeline/utf8.c" sqlite3 -lcsv ;;
	model)     build model "pipeline/model.c" jansson "" ;;
	cellrec)   build cellrec "pipeline/cellrec.c pipeline/readings.c pipeline/utf8.c" "lept zlib" -lsvm ;;
	*) echo "build.sh: unknown target $t" >&2; exit 2 ;;
	esac
done
