/*
** normalize.c — fold notations of addresses and names, split addresses,
** and compare a printed value with the registry's.
**
** Work is done on arrays of code points; strings in and out are UTF-8.
*/
#include "normalize.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAXCP 512

const char *cmp_result_str(cmp_result r)
{
	switch (r) {
	case CMP_SAME: return "same";
	case CMP_CHANGED: return "changed";
	case CMP_UNCERTAIN: return "uncertain";
	}
	return "?";
}


/* ---- folding ---- */

/* Variant kanji seen in names and addresses → the common form. The
** registry and the printed form may use either, and OCR may read either. */
static const long variants[][2] = {
	{0x9ad9, 0x9ad8},  /* 髙 高 */
	{0xfa11, 0x5d0e},  /* 﨑 崎 */
	{0x5d5c, 0x5d0e},  /* 嵜 崎 */
	{0x908a, 0x8fba},  /* 邊 辺 */
	{0x9089, 0x8fba},  /* 邉 辺 */
	{0x9f4b, 0x658e},  /* 齋 斎 */
	{0x9f4a, 0x6589},  /* 齊 斉 */
	{0x6ff1, 0x6d5c},  /* 濱 浜 */
	{0x6fa4, 0x6ca2},  /* 澤 沢 */
	{0x570b, 0x56fd},  /* 國 国 */
	{0x5d8b, 0x5cf6},  /* 嶋 島 */
	{0x5d8c, 0x5cf6},  /* 嶌 島 */
	{0x6afb, 0x685c},  /* 櫻 桜 */
	{0x5ee3, 0x5e83},  /* 廣 広 */
	{0x7028, 0x702c},  /* 瀨 瀬 */
	{0x5fb7, 0x5fb3},  /* 德 徳 */
	{0x771e, 0x771f},  /* 眞 真 */
	{0x51a8, 0x5bcc},  /* 冨 富 */
	{0x60e0, 0x6075},  /* 惠 恵 */
	{0x69ae, 0x6804},  /* 榮 栄 */
	{0xfa10, 0x585a},  /* 塚 (compatibility) 塚 */
	{0x69c7, 0x69d9},  /* 槇 槙 */
	{0x20bb7, 0x5409}, /* 𠮷 吉 */
	{0x85cf, 0x8535},  /* 藏 蔵 */
	{0x5be6, 0x5b9f},  /* 實 実 */
	{0x58fd, 0x5bff},  /* 壽 寿 */
	{0x6dfa, 0x6d45},  /* 淺 浅 */
	{0x95dc, 0x95a2},  /* 關 関 */
	{0x975c, 0x9759},  /* 靜 静 */
	{0x7e23, 0x770c},  /* 縣 県 */
	{0x6852, 0x6851},  /* 桒 桑 */
	{0xf9dc, 0x9686},  /* 隆 (compatibility) 隆 */
};

/* Half-width katakana U+FF66..U+FF9D → full width. */
static const unsigned short hw_kana[] = {
	0x30f2, 0x30a1, 0x30a3, 0x30a5, 0x30a7, 0x30a9, 0x30e3, 0x30e5, 0x30e7, 0x30c3,
	0x30fc, 0x30a2, 0x30a4, 0x30a6, 0x30a8, 0x30aa, 0x30ab, 0x30ad, 0x30af, 0x30b1,
	0x30b3, 0x30b5, 0x30b7, 0x30b9, 0x30bb, 0x30bd, 0x30bf, 0x30c1, 0x30c4, 0x30c6,
	0x30c8, 0x30ca, 0x30cb, 0x30cc, 0x30cd, 0x30ce, 0x30cf, 0x30d2, 0x30d5, 0x30d8,
	0x30db, 0x30de, 0x30df, 0x30e0, 0x30e1, 0x30e2, 0x30e4, 0x30e6, 0x30e8, 0x30e9,
	0x30ea, 0x30eb, 0x30ec, 0x30ed, 0x30ef, 0x30f3,
};

#define CP_LONG 0x30fc /* ー */
#define SEP ' '        /* internal word separator */

static int is_space(long c)
{
	return c == ' ' || c == '\t' || c == 0x3000 || c == 0xa0 || c == '\r' || c == '\n';
}

static int is_hyphen_like(long c)
{
	return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0x2043 ||
	       c == 0xfe63 || c == 0xff0d;
}

static int is_ascii_digit(long c)
{
	return c >= '0' && c <= '9';
}

/* Voiced form of a katakana for a half-width (han)dakuten, or 0. */
static long voiced(long k, int handakuten)
{
	if (handakuten)
		return (k >= 0x30cf && k <= 0x30db && (k - 0x30cf) % 3 == 0) ? k + 2 : 0;
	if (k == 0x30a6)
		return 0x30f4; /* ウ → ヴ */
	if ((k >= 0x30ab && k <= 0x30c2 && (k - 0x30ab) % 2 == 0) ||
	    (k >= 0x30c4 && k <= 0x30c8 && (k - 0x30c4) % 2 == 0))
		return k + 1;
	if (k >= 0x30cf && k <= 0x30db && (k - 0x30cf) % 3 == 0)
		return k + 1;
	return 0;
}

/* Fold n code points in place; spaces become one SEP (keep_sep) or go.
** Returns the new count. */
static int fold(long *cp, int n, int keep_sep)
{
	int o = 0;
	for (int i = 0; i < n; i++) {
		long c = cp[i];
		if (c >= 0xff01 && c <= 0xff5e)
			c -= 0xfee0; /* full-width ASCII */
		if (c >= 'a' && c <= 'z')
			c -= 32;
		if (c >= 0xff66 && c <= 0xff9d)
			c = hw_kana[c - 0xff66];
		if ((c == 0xff9e || c == 0xff9f) && o > 0) {
			long v = voiced(cp[o - 1], c == 0xff9f);
			if (v) {
				cp[o - 1] = v;
				continue;
			}
		}
		for (size_t k = 0; k < sizeof variants / sizeof variants[0]; k++)
			if (c == variants[k][0]) {
				c = variants[k][1];
				break;
			}
		if (is_space(c)) {
			if (keep_sep && o > 0 && cp[o - 1] != SEP)
				cp[o++] = SEP;
			continue;
		}
		if (is_hyphen_like(c))
			c = '-';
		cp[o++] = c;
	}
	if (o > 0 && cp[o - 1] == SEP)
		o--;
	/* ー between digits is a hyphen that OCR or a typist wrote long. */
	for (int i = 1; i + 1 < o; i++)
		if (cp[i] == CP_LONG && is_ascii_digit(cp[i - 1]) && is_ascii_digit(cp[i + 1]))
			cp[i] = '-';
	return o;
}

int norm_text(const char *in, char *out, size_t outlen)
{
	long cp[MAXCP];
	int n = utf8_decode(in, cp, MAXCP);
	if (n < 0)
		return -1;
	n = fold(cp, n, 0);
	return utf8_encode(cp, 0, n, out, outlen);
}

/* ---- numbers ---- */

static int kanji_digit(long c)
{
	static const long k[] = {0x3007, 0x4e00, 0x4e8c, 0x4e09, 0x56db,
				 0x4e94, 0x516d, 0x4e03, 0x516b, 0x4e5d};
	for (int i = 0; i < 10; i++)
		if (c == k[i])
			return i;
	return -1;
}

static int kanji_unit(long c)
{
	return c == 0x5341 ? 10 : c == 0x767e ? 100 : c == 0x5343 ? 1000 : 0; /* 十百千 */
}

/* A number at cp[*i]: a run of ASCII digits, or of kanji numerals
** (二十二 = 22, 百五 = 105, 二〇 = 20). Returns the value, or -1 with *i
** unchanged. */
static long number_at(const long *cp, int n, int *i)
{
	int j = *i;
	long v = 0;
	if (j < n && is_ascii_digit(cp[j])) {
		while (j < n && is_ascii_digit(cp[j]) && v < 100000000L)
			v = v * 10 + (cp[j++] - '0');
		*i = j;
		return v;
	}
	long total = 0, cur = -1;
	int any = 0;
	while (j < n) {
		int d = kanji_digit(cp[j]), u = kanji_unit(cp[j]);
		if (d >= 0)
			cur = (cur < 0 ? 0 : cur * 10) + d;
		else if (u)
			total += (cur < 0 ? 1 : cur) * u, cur = -1;
		else
			break;
		any = 1;
		j++;
		if (total > 100000000L || cur > 100000000L)
			return -1;
	}
	if (!any)
		return -1;
	*i = j;
	return total + (cur < 0 ? 0 : cur);
}

static int match_at(const long *cp, int n, int i, const char *utf8)
{
	long w[8];
	int m = utf8_decode(utf8, w, 8);
	if (m <= 0 || i < 0 || i + m > n)
		return 0;
	for (int k = 0; k < m; k++)
		if (cp[i + k] != w[k])
			return 0;
	return m;
}

/* Kinds of marker after a number in the chome/ban/go part. */
enum { MK_NONE, MK_CHOME, MK_BAN, MK_GO, MK_HYPHEN, MK_NO, MK_ROOM };

/* The marker at cp[i]; its length in *len. */
static int marker_at(const long *cp, int n, int i, int *len)
{
	int m;
	if ((m = match_at(cp, n, i, "丁目")) || (m = match_at(cp, n, i, "丁")))
		return *len = m, MK_CHOME;
	if ((m = match_at(cp, n, i, "番地")))
		return *len = m, MK_BAN;
	/* 番町 is a town name (一番町), not a ban number. */
	if ((m = match_at(cp, n, i, "番")) && !match_at(cp, n, i + 1, "町"))
		return *len = m, MK_BAN;
	if ((m = match_at(cp, n, i, "号室")) || (m = match_at(cp, n, i, "室")))
		return *len = m, MK_ROOM;
	if ((m = match_at(cp, n, i, "号")))
		return *len = m, MK_GO;
	if (i < n && cp[i] == '-')
		return *len = 1, MK_HYPHEN;
	if ((m = match_at(cp, n, i, "の")) || (m = match_at(cp, n, i, "ノ")))
		return *len = m, MK_NO;
	return *len = 0, MK_NONE;
}

/* ---- addresses ---- */

static const char *const prefectures[] = {
	"北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
	"茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県",
	"新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県",
	"静岡県", "愛知県", "三重県", "滋賀県", "京都府", "大阪府", "兵庫県",
	"奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県",
	"徳島県", "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県",
	"熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
};

/* Where the chome/ban/go part starts: the first number followed by a
** marker (丁目, 番, 号, -, の); a kanji numeral inside a town name (三軒茶屋,
** 千歳台, 二子玉川) is not followed by one. -1 if none. */
static int numbers_start(const long *cp, int n)
{
	for (int i = 0; i < n; i++) {
		int j = i;
		if (number_at(cp, n, &j) < 0)
			continue;
		int len, mk = marker_at(cp, n, j, &len);
		if (mk == MK_CHOME || mk == MK_BAN || mk == MK_GO ||
		    (mk == MK_HYPHEN && j + 1 < n && number_at(cp, n, &(int){j + 1}) >= 0))
			return i;
	}
	return -1;
}

/* Code points [from, to) as UTF-8 into out; -1 (out "") if they do not
** fit: a part cut to "" would compare equal to any other part cut so. */
static int copy_cps(const long *cp, int from, int to, char *out, size_t outlen, int drop_sep)
{
	long tmp[MAXCP];
	int k = 0;
	for (int i = from; i < to && k < MAXCP; i++)
		if (!(drop_sep && cp[i] == SEP))
			tmp[k++] = cp[i];
	if (utf8_encode(tmp, 0, k, out, outlen) < 0) {
		out[0] = 0;
		return -1;
	}
	return 0;
}

/* The building part: a trailing room number (101, 101号室, #101, -101) and
** the name before it. -1 if the name is too long. */
static int split_building(const long *cp, int from, int n, address_parts *a)
{
	while (from < n && (cp[from] == SEP || cp[from] == '-'))
		from++;
	int end = n, m;
	/* a trailing 号室, 室 or 号 marks the room number */
	if ((m = match_at(cp, n, end - 2, "号室")) && end - 2 >= from)
		end -= m;
	else if (end - 1 >= from && ((m = match_at(cp, n, end - 1, "室")) ||
				     (m = match_at(cp, n, end - 1, "号"))))
		end -= m;
	int d = end;
	while (d > from && is_ascii_digit(cp[d - 1]))
		d--;
	if (d < end && end - d <= 6) {
		int j = d;
		a->room = number_at(cp, end, &j);
		int b = d;
		while (b > from && (cp[b - 1] == SEP || cp[b - 1] == '-' || cp[b - 1] == '#'))
			b--;
		return copy_cps(cp, from, b, a->building, sizeof a->building, 1);
	}
	a->room = -1;
	return copy_cps(cp, from, n, a->building, sizeof a->building, 1);
}

int address_parse(const char *in, address_parts *a)
{
	long cp[MAXCP];
	memset(a, 0, sizeof *a);
	a->room = -1;
	int n = utf8_decode(in, cp, MAXCP);
	if (n < 0)
		return -1;
	n = fold(cp, n, 1);
	int i = 0;
	while (i < n && cp[i] == SEP)
		i++;
	for (size_t k = 0; k < sizeof prefectures / sizeof prefectures[0]; k++) {
		int m = match_at(cp, n, i, prefectures[k]);
		if (m) {
			snprintf(a->pref, sizeof a->pref, "%s", prefectures[k]);
			i += m;
			break;
		}
	}
	int s = numbers_start(cp + i, n - i);
	if (s < 0)
		return copy_cps(cp, i, n, a->locality, sizeof a->locality, 1);
	if (copy_cps(cp, i, i + s, a->locality, sizeof a->locality, 1) < 0)
		return -1;
	int j = i + s;
	a->parsed = 1;
	while (j < n) {
		int save = j;
		long v = number_at(cp, n, &j);
		if (v < 0) {
			j = save;
			break;
		}
		/* spaces may stand around markers: 五丁目 二十三番 十五号 */
		int k = j;
		while (k < n && cp[k] == SEP)
			k++;
		int len, mk = marker_at(cp, n, k, &len);
		if (mk != MK_NONE)
			j = k;
		if (mk == MK_ROOM || a->nnum == ADDR_MAX_NUMS) {
			/* 4-22-3-201 or a number marked 号室: the room. */
			j = save;
			break;
		}
		a->num[a->nnum++] = v;
		j += len;
		if (mk == MK_NONE || mk == MK_GO)
			break;
		if (mk == MK_BAN && (len = match_at(cp, n, j, "の")))
			j += len;
		while (j < n && cp[j] == SEP)
			j++;
	}
	return split_building(cp, j, n, a);
}

int address_canonical(const address_parts *a, char *out, size_t outlen)
{
	char nums[64] = "", room[24] = "";
	size_t o = 0;
	for (int k = 0; k < a->nnum; k++)
		o += (size_t)snprintf(nums + o, sizeof nums - o, "%s%ld", k ? "-" : "", a->num[k]);
	if (a->room >= 0)
		snprintf(room, sizeof room, "%ld", a->room);
	int n = snprintf(out, outlen, "%s|%s|%s|%s", a->locality, nums, a->building, room);
	return n < 0 || (size_t)n >= outlen ? -1 : n;
}

/* ---- distance ---- */

static int edit_distance_cp(const long *a, int na, const long *b, int nb)
{
	int row[MAXCP + 1];
	for (int j = 0; j <= nb; j++)
		row[j] = j;
	for (int i = 1; i <= na; i++) {
		int diag = row[0];
		row[0] = i;
		for (int j = 1; j <= nb; j++) {
			int up = row[j];
			int best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
}

int utf8_edit_distance(const char *a, const char *b)
{
	long ca[MAXCP], cb[MAXCP];
	int na = utf8_decode(a, ca, MAXCP), nb = utf8_decode(b, cb, MAXCP);
	if (na < 0 || nb < 0)
		return -1;
	return edit_distance_cp(ca, na, cb, nb);
}

static int cp_len(const char *s)
{
	long cp[MAXCP];
	return utf8_decode(s, cp, MAXCP);
}

/* If a whole text of len characters is right with probability conf and
** errors strike characters independently, each character is wrong with
** probability e = 1 - conf^(1/len), and the reading holds len*e errors on
** average. We call up to 1 + 3*len*e errors plausible: a difference of
** that size could be the reader's, a larger one is on the paper. */
int ocr_plausible_errors(int len, double conf)
{
	if (len <= 0)
		return 0;
	if (conf >= 1)
		return 0;
	if (conf <= 0)
		return len;
	double e = 1 - pow(conf, 1.0 / len);
	int k = 1 + (int)ceil(3 * e * len);
	return k > len ? len : k;
}

/* Judge a difference: pc/rc are the canonical forms (equal means SAME);
** alt_dist, when >= 0, is another measure of how many characters the
** reader would have to have got wrong, and the smaller one counts. */
/* Tesseract misreads one kanji for a look-alike (烏/鳥, 陰/険, 也/志) or
** adds a stray one with a line confidence above any sensible gate (seen
** up to 0.96 on public-1 and generated pages), while a real change of a
** town, a building or a name changes more than one character. So a
** difference of one character in text, however sure the reading, is a
** doubt; numbers (chome, ban, go, room) are read reliably and decide. */
#define TEXT_DOUBT_CHARS 1

static cmp_result judge(const char *pc, const char *rc, int alt_dist, int alt_len,
			double conf, double gate, int text_part, cmp_detail *d)
{
	int dist = utf8_edit_distance(pc, rc), len = cp_len(pc);
	if (dist > 0 && alt_dist >= 0 && alt_dist < dist)
		dist = alt_dist, len = alt_len;
	d->distance = dist;
	d->length = len;
	if (dist == 0) /* equal canonical forms, or the text is the registry's
			** address exactly as the form would print it */
		return d->result = CMP_SAME;
	if (dist < 0)
		return d->result = CMP_UNCERTAIN;
	if (text_part && dist <= TEXT_DOUBT_CHARS)
		return d->result = CMP_UNCERTAIN;
	if (conf >= gate)
		return d->result = CMP_CHANGED;
	return d->result = dist > ocr_plausible_errors(len, conf) ? CMP_CHANGED : CMP_UNCERTAIN;
}

/* 1-99 in kanji, as J-LIS prints a chome: 四, 十二, 二十. */
static void kanji_number(long v, char *out, size_t n)
{
	static const char *const d[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
	if (v < 1 || v > 99) {
		snprintf(out, n, "%ld", v);
		return;
	}
	snprintf(out, n, "%s%s%s", v >= 20 ? d[v / 10] : "", v >= 10 ? "十" : "", d[v % 10]);
}

/* The registry's address as the form prints it up to its number
** (四丁目14番18号: a kanji chome, 丁目, 番, 号), without the prefecture;
** other numbers as hyphenated digits. */
static int printed_head(const address_parts *a, char *out, size_t n)
{
	char k[32];
	if (a->nnum == 3) {
		kanji_number(a->num[0], k, sizeof k);
		return snprintf(out, n, "%s%s丁目%ld番%ld号", a->locality, k, a->num[1], a->num[2]);
	}
	char nums[64] = "";
	size_t o = 0;
	for (int i = 0; i < a->nnum; i++)
		o += (size_t)snprintf(nums + o, sizeof nums - o, "%s%ld", i ? "-" : "", a->num[i]);
	return snprintf(out, n, "%s%s", a->locality, nums);
}

/* The registry's address as the form prints it (四丁目14番18号サンハイツ201号室,
** no prefecture, no spaces), so that a misread marker (五十目 for 五丁目)
** counts as the one character it is, not as a different structure. */
static int printed_style(const address_parts *a, char *out, size_t n)
{
	char head[512], room[32] = "";
	if (a->room >= 0)
		snprintf(room, sizeof room, "%ld号室", a->room);
	int h = printed_head(a, head, sizeof head);
	if (h < 0 || (size_t)h >= sizeof head)
		return -1;
	return snprintf(out, n, "%s%s%s", head, a->building, room);
}

int address_printed(const char *registry, const char *read, char *out, size_t outlen, int *head)
{
	address_parts a, r;
	if (!registry || !out || address_parse(registry, &a) != 0 || !a.parsed || a.nnum != 3)
		return -1;
	/* the prefecture: the registry's, else the reading's */
	const char *pref = a.pref;
	if (!pref[0] && read && address_parse(read, &r) == 0)
		pref = r.pref;
	char hs[512], body[1024], style[1024];
	int h = printed_head(&a, hs, sizeof hs), st = printed_style(&a, style, sizeof style);
	int n = snprintf(body, sizeof body, "%s%s", pref, hs);
	if (h < 0 || (size_t)h >= sizeof hs || st < 0 || (size_t)st >= sizeof style || n < 0 ||
	    (size_t)n >= sizeof body)
		return -1;
	long cp[MAXCP];
	int nh = utf8_decode(body, cp, MAXCP);
	if (nh < 0)
		return -1;
	if (head)
		*head = a.building[0] || a.room >= 0 ? nh : -1;
	n = snprintf(out, outlen, "%s%s", pref, style);
	return n < 0 || (size_t)n >= outlen ? -1 : n;
}

cmp_result compare_address(const char *printed, double conf, const char *registry,
			   double gate, cmp_detail *detail)
{
	cmp_detail tmp;
	cmp_detail *d = detail ? detail : &tmp;
	memset(d, 0, sizeof *d);
	address_parts p, r;
	if (!printed || !registry || address_parse(printed, &p) || address_parse(registry, &r)) {
		snprintf(d->why, sizeof d->why, "unreadable text");
		return d->result = CMP_UNCERTAIN;
	}
	if (!p.locality[0] && !p.parsed) {
		snprintf(d->why, sizeof d->why, "nothing read");
		return d->result = CMP_UNCERTAIN;
	}
	char pc[1024], rc[1024];
	if (address_canonical(&p, pc, sizeof pc) < 0 || address_canonical(&r, rc, sizeof rc) < 0) {
		snprintf(d->why, sizeof d->why, "too long");
		return d->result = CMP_UNCERTAIN;
	}
	/* A prefecture written on one side only is not a change (every address
	** in this municipality's registry lies in one prefecture, and the city
	** name follows it); two different prefectures are. */
	int pref_differs = p.pref[0] && r.pref[0] && strcmp(p.pref, r.pref) != 0;
	const char *what = pref_differs ? "prefecture"
		: strcmp(p.locality, r.locality) ? "town"
		: p.nnum != r.nnum ? "chome/ban/go count"
		: p.nnum > 0 && p.num[0] != r.num[0] ? "chome"
		: p.nnum > 1 && p.num[1] != r.num[1] ? "ban"
		: p.nnum > 2 && p.num[2] != r.num[2] ? "go"
		: strcmp(p.building, r.building) ? "building"
		: p.room != r.room ? "room" : NULL;
	snprintf(d->why, sizeof d->why, "%s", what ? what : "");
	/* the printed text as read, folded, without its prefecture */
	char plain[1024], styled[1024];
	int alt = -1, alt_len = 0;
	if (norm_text(printed, plain, sizeof plain) >= 0 &&
	    printed_style(&r, styled, sizeof styled) > 0 && strlen(styled) < sizeof styled) {
		const char *pl = plain;
		if (p.pref[0] && !strncmp(pl, p.pref, strlen(p.pref)))
			pl += strlen(p.pref);
		alt = utf8_edit_distance(pl, styled);
		alt_len = cp_len(pl);
	}
	int text_part = what && (!strcmp(what, "town") || !strcmp(what, "building"));
	cmp_result res = judge(pc, rc, alt, alt_len, conf, gate, text_part, d);
	if (res == CMP_SAME && pref_differs)
		res = d->result = conf >= gate ? CMP_CHANGED : CMP_UNCERTAIN;
	return res;
}

/* Fold a name and drop a trailing 様 (the form prints "name 様"). */
static int fold_name(const char *in, char *out, size_t outlen)
{
	int n = norm_text(in, out, outlen);
	size_t sama = strlen("様");
	if (n >= (int)sama && !strcmp(out + n - sama, "様")) {
		n -= (int)sama;
		out[n] = 0;
	}
	return n;
}

cmp_result compare_name(const char *printed, double conf, const char *registry,
			double gate, cmp_detail *detail)
{
	cmp_detail tmp;
	cmp_detail *d = detail ? detail : &tmp;
	memset(d, 0, sizeof *d);
	char p[768], r[768];
	if (!printed || !registry || fold_name(printed, p, sizeof p) < 0 ||
	    fold_name(registry, r, sizeof r) < 0) {
		snprintf(d->why, sizeof d->why, "unreadable text");
		return d->result = CMP_UNCERTAIN;
	}
	if (!p[0]) {
		snprintf(d->why, sizeof d->why, "nothing read");
		return d->result = CMP_UNCERTAIN;
	}
	cmp_result res = judge(p, r, -1, 0, conf, gate, 1, d);
	snprintf(d->why, sizeof d->why, "%s", res == CMP_SAME ? "" : "name");
	return res;
}

/* A reading confirmed against the print where it differs from the
** registry (verify.h): whatever difference is left was printed. Texts
** that could not be compared (unreadable, nothing read, too long) stay
** uncertain: compare_* return those before measuring a distance (0). */
static cmp_result confirmed(cmp_result r, cmp_detail *d)
{
	if (r != CMP_UNCERTAIN || d->distance <= 0)
		return r;
	return d->result = CMP_CHANGED;
}

cmp_result compare_address_confirmed(const char *printed, const char *registry,
				     cmp_detail *detail)
{
	cmp_detail tmp;
	cmp_detail *d = detail ? detail : &tmp;
	return confirmed(compare_address(printed, 1, registry, 0.5, d), d);
}

cmp_result compare_name_confirmed(const char *printed, const char *registry, cmp_detail *detail)
{
	cmp_detail tmp;
	cmp_detail *d = detail ? detail : &tmp;
	return confirmed(compare_name(printed, 1, registry, 0.5, d), d);
}

/* ---- several readings ---- */

static int is_number_cp(long c)
{
	return is_ascii_digit(c) || kanji_digit(c) >= 0 || kanji_unit(c);
}

/* Whether an optimal alignment of a with b (code points) changes a digit
** or a kanji numeral: those differences are never a reader's to explain
** away. -1 on error. */
static int diff_touches_number(const char *a, const char *b)
{
	long ca[MAXCP], cb[MAXCP];
	int na = utf8_decode(a, ca, MAXCP), nb = utf8_decode(b, cb, MAXCP);
	if (na < 0 || nb < 0 || na > 160 || nb > 160)
		return -1;
	static const int W = 161;
	int dp[161 * 161];
	for (int i = 0; i <= na; i++)
		for (int j = 0; j <= nb; j++) {
			if (!i || !j) {
				dp[i * W + j] = i + j;
				continue;
			}
			int best = dp[(i - 1) * W + j - 1] + (ca[i - 1] != cb[j - 1]);
			if (dp[(i - 1) * W + j] + 1 < best)
				best = dp[(i - 1) * W + j] + 1;
			if (dp[i * W + j - 1] + 1 < best)
				best = dp[i * W + j - 1] + 1;
			dp[i * W + j] = best;
		}
	int i = na, j = nb;
	while (i > 0 || j > 0) {
		if (i > 0 && j > 0 && ca[i - 1] == cb[j - 1] &&
		    dp[i * W + j] == dp[(i - 1) * W + j - 1]) {
			i--, j--;
			continue;
		}
		if (i > 0 && j > 0 && dp[i * W + j] == dp[(i - 1) * W + j - 1] + 1) {
			if (is_number_cp(ca[i - 1]) || is_number_cp(cb[j - 1]))
				return 1;
			i--, j--;
		} else if (i > 0 && dp[i * W + j] == dp[(i - 1) * W + j] + 1) {
			if (is_number_cp(ca[i - 1]))
				return 1;
			i--;
		} else {
			if (is_number_cp(cb[j - 1]))
				return 1;
			j--;
		}
	}
	return 0;
}

/* What one reading says against the registry. */
typedef struct {
	cmp_detail d;    /* as compare_* judges this reading alone */
	int same;        /* equal to the registry's value */
	int numbers;     /* the difference touches a digit or numeral */
	int dropped;     /* addresses: fewer chome/ban/go than the registry's */
	char key[768];   /* folded reading, to find readings that agree */
	address_parts p; /* addresses: the parts read */
} read_look;

/*
** Readings that differ among themselves in one character but from the
** registry in text (no number) by NEAR_PAIR_GAP more agree as a pair
** does: a rare kanji read a new way in each pass (欅 as 標, 楠 and 柄)
** beside a building name that is not the registry's (コーポ欅 for メゾン
** 若林). On the generated batches such lines, read at 0.6, sent pages of
** changed buildings to a person. A one-character doubt (TEXT_DOUBT_CHARS)
** that each pass reads alike is still no change, and names are left out:
** a name is a few kanji, and a garbled one (車村真山半 for 中村真由美) is as
** far from the registry's as another name.
*/
#define NEAR_PAIR_GAP 2
static int near_pair(const read_look *look, int n)
{
	int nearest = -1;
	for (int i = 0; i < n; i++) {
		if (look[i].numbers)
			return 0;
		if (nearest < 0 || look[i].d.distance < nearest)
			nearest = look[i].d.distance;
	}
	for (int i = 0; i < n; i++)
		for (int k = i + 1; k < n; k++) {
			int apart = utf8_edit_distance(look[i].key, look[k].key);
			if (apart < 0 || apart > 1)
				return 0;
		}
	return n >= 2 && nearest >= 1 + NEAR_PAIR_GAP;
}

/* Pool n readings (see normalize.h). look[i] already filled; rp is the
** registry's address (NULL for names). */
static cmp_result pool_reads(read_look *look, int n, const address_parts *rp,
			     cmp_detail *d)
{
	int nsame = 0, all_far = 1, small_text = 1, dropped = 0;
	for (int i = 0; i < n; i++) {
		nsame += look[i].same;
		dropped |= look[i].dropped; /* never set for a name */
		if (look[i].same)
			continue;
		if (look[i].d.distance < 2)
			all_far = 0;
		/* a reading that lost a number (7番号 for 7番1号) has dropped a
		** character; one that reads another number has not */
		if ((look[i].numbers && !look[i].dropped) || look[i].d.distance > TEXT_DOUBT_CHARS)
			small_text = 0;
	}
	/* two readings that agree exactly, so the difference is not noise */
	int pair = 0;
	for (int i = 0; i < n && !pair; i++)
		for (int k = i + 1; k < n && !pair; k++)
			pair = !strcmp(look[i].key, look[k].key);
	int worst = 0;
	for (int i = 1; i < n; i++)
		if (look[i].d.distance > look[worst].d.distance)
			worst = i;
	*d = look[0].same ? look[worst].d : look[0].d;
	if (nsame == n || (2 * nsame > n && small_text)) {
		d->result = CMP_SAME;
		snprintf(d->why, sizeof d->why, "%s", nsame == n ? "" : "one reading differs");
		return CMP_SAME;
	}
	if (nsame == 0 && rp) {
		/* the same chome/ban/go and room in every reading that has them
		** all (at least two, and a majority), not the registry's: numbers
		** are read reliably, and alike every time */
		int complete = 0, same_sig = 1;
		const address_parts *q = NULL;
		for (int i = 0; i < n && same_sig; i++) {
			const address_parts *p = &look[i].p;
			if (look[i].dropped)
				continue;
			if (!p->parsed || p->nnum != rp->nnum)
				same_sig = 0;
			else if (!q)
				q = p;
			else if (p->room != q->room || memcmp(p->num, q->num, sizeof p->num))
				same_sig = 0;
			complete++;
		}
		if (!q || (complete < n && (complete < 2 || 2 * complete <= n)))
			same_sig = 0;
		const char *what = !same_sig ? NULL
			: q->nnum > 0 && q->num[0] != rp->num[0] ? "chome"
			: q->nnum > 1 && q->num[1] != rp->num[1] ? "ban"
			: q->nnum > 2 && q->num[2] != rp->num[2] ? "go"
			: q->room != rp->room ? "room" : NULL;
		if (what) {
			d->result = CMP_CHANGED;
			snprintf(d->why, sizeof d->why, "%s", what);
			return CMP_CHANGED;
		}
	}
	/* Agreeing readings are no proof when they lost a number marker
	** (一丁目 read as -上日): the same garbling repeats in every pass
	** over one image. */
	if (nsame == 0 && all_far && !dropped && (pair || (rp && near_pair(look, n)))) {
		d->result = CMP_CHANGED;
		return CMP_CHANGED;
	}
	d->result = CMP_UNCERTAIN;
	return CMP_UNCERTAIN;
}

/* The reading as compared (folded, prefecture left out): its distance to
** the registry is the smaller of the canonical and the printed-style one,
** and the number test follows the same form. */
static void look_address(const char *printed, double conf, const char *registry,
			 const address_parts *rp, double gate, read_look *l)
{
	memset(l, 0, sizeof *l);
	cmp_result r = compare_address(printed, conf, registry, gate, &l->d);
	l->same = r == CMP_SAME;
	if (address_parse(printed, &l->p) != 0)
		memset(&l->p, 0, sizeof l->p);
	l->dropped = l->p.nnum < rp->nnum;
	if (norm_text(printed, l->key, sizeof l->key) < 0)
		l->key[0] = 0;
	if (l->same)
		return;
	char pc[1024], rc[1024], styled[1024];
	address_parts rr = *rp;
	int t1 = -1, t2 = -1;
	if (address_canonical(&l->p, pc, sizeof pc) >= 0 && address_canonical(&rr, rc, sizeof rc) >= 0 &&
	    utf8_edit_distance(pc, rc) == l->d.distance)
		t1 = diff_touches_number(pc, rc);
	const char *pl = l->key;
	if (l->p.pref[0] && !strncmp(pl, l->p.pref, strlen(l->p.pref)))
		pl += strlen(l->p.pref);
	if (printed_style(&rr, styled, sizeof styled) > 0 && strlen(styled) < sizeof styled - 1 &&
	    utf8_edit_distance(pl, styled) == l->d.distance)
		t2 = diff_touches_number(pl, styled);
	/* either optimal form without a number change will do; if neither
	** form gives the distance (it should), count it a number change */
	l->numbers = (t1 == 0 || t2 == 0) ? 0 : 1;
}

cmp_result compare_address_reads(const char *const *reads, int n, double conf,
				 const char *registry, double gate, cmp_detail *detail)
{
	cmp_detail tmp;
	cmp_detail *d = detail ? detail : &tmp;
	if (n <= 1 || !reads)
		return compare_address(reads && n == 1 ? reads[0] : NULL, conf, registry, gate, d);
	address_parts rp;
	memset(d, 0, sizeof *d);
	if (n > 8)
		n = 8;
	if (!registry || address_parse(registry, &rp) != 0) {
		snprintf(d->why, sizeof d->why, "unreadable text");
		return d->result = CMP_UNCERTAIN;
	}
	read_look look[8];
	for (int i = 0; i < n; i++) {
		if (!reads[i])
			return compare_address(NULL, conf, registry, gate, d);
		look_address(reads[i], conf, registry, &rp, gate, &look[i]);
		if (!look[i].same && look[i].d.distance <= 0) /* nothing read, unreadable */
			return *d = look[i].d, d->result = CMP_UNCERTAIN;
	}
	return pool_reads(look, n, &rp, d);
}

cmp_result compare_name_reads(const char *const *reads, int n, double conf,
			      const char *registry, double gate, cmp_detail *detail)
{
	cmp_detail tmp;
	cmp_detail *d = detail ? detail : &tmp;
	if (n <= 1 || !reads)
		return compare_name(reads && n == 1 ? reads[0] : NULL, conf, registry, gate, d);
	memset(d, 0, sizeof *d);
	if (n > 8)
		n = 8;
	read_look look[8];
	char r[768];
	if (!registry || fold_name(registry, r, sizeof r) < 0) {
		snprintf(d->why, sizeof d->why, "unreadable text");
		return d->result = CMP_UNCERTAIN;
	}
	for (int i = 0; i < n; i++) {
		read_look *l = &look[i];
		memset(l, 0, sizeof *l);
		l->same = compare_name(reads[i], conf, registry, gate, &l->d) == CMP_SAME;
		if (!l->same && l->d.distance <= 0)
			return *d = l->d, d->result = CMP_UNCERTAIN;
		if (fold_name(reads[i], l->key, sizeof l->key) < 0)
			l->key[0] = 0;
		/* a name has no numbers; a numeral in a name is still text */
		l->numbers = 0;
	}
	cmp_result res = pool_reads(look, n, NULL, d);
	snprintf(d->why, sizeof d->why, "%s", res == CMP_SAME ? "" : "name");
	return res;
}

/* ---- tidying a reading ---- */

static int is_kanji(long c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || c == 0x3005 || (c >= 0xf900 && c <= 0xfaff) ||
	       (c >= 0x20000 && c <= 0x2ffff);
}

static int is_katakana(long c)
{
	return c >= 0x30a1 && c <= 0x30fe && c != 0x30fb; /* ・ is punctuation */
}

/* Dashes Tesseract reads for the kanji 一 (a bar of the same shape). */
static int is_dash(long c)
{
	return c == '-' || c == 0xff0d || c == 0x2010 || c == 0x2014 || c == 0x2015 ||
	       c == 0x2212; /* - － ‐ — ― − */
}

/* Katakana and dashes Tesseract reads for a kanji of the same shape, and
** the kanji. */
static long kanji_lookalike(long c)
{
	if (is_dash(c))
		return 0x4e00;
	static const long map[][2] = {
		{0x30ab, 0x529b}, /* カ 力 */
		{0x30cb, 0x4e8c}, /* ニ 二 */
		{0x30ed, 0x53e3}, /* ロ 口 */
		{0x30a8, 0x5de5}, /* エ 工 */
		{0x30cf, 0x516b}, /* ハ 八 */
		{0x30c8, 0x535c}, /* ト 卜 */
		{0x30bf, 0x5915}, /* タ 夕 */
		{0x30fc, 0x4e00}, /* ー 一 */
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (map[i][0] == c)
			return map[i][1];
	return 0;
}

/* Marks that J-LIS never prints in an address or a name. */
static int is_speck(long c)
{
	static const char specks[] = ".,;:_~|`^'\"!?[](){}<>*";
	if (c < 0x80)
		return c && strchr(specks, (int)c) != NULL;
	return c == 0x3002 || c == 0x3001 || c == 0xff61 || c == 0xff64 || /* 。、｡､ */
	       c == 0x300c || c == 0x300d || c == 0x300e || c == 0x300f || /* 「」『』 */
	       c == 0x2018 || c == 0x2019 || c == 0x201c || c == 0x201d;  /* ‘’“” */
}

int ocr_tidy(const char *in, char *out, size_t outlen)
{
	long cp[MAXCP];
	int n = in ? utf8_decode(in, cp, MAXCP) : -1;
	if (n < 0)
		return -1;
	int o = 0;
	for (int i = 0; i < n; i++)
		if (!is_speck(cp[i]))
			cp[o++] = cp[i];
	n = o;
	/* a ・ ends no printed line (it only joins the parts of a foreign name) */
	while (n > 0 && cp[n - 1] == 0x30fb)
		n--;
	for (int i = 0; i < n;) {
		if (!kanji_lookalike(cp[i])) {
			i++;
			continue;
		}
		int j = i;
		while (j < n && kanji_lookalike(cp[j]))
			j++;
		/* a run between kanji (or a kanji and a digit), not inside a
		** katakana word and not between two digits (4ー22 is a hyphen) */
		long l = i > 0 ? cp[i - 1] : 0, r = j < n ? cp[j] : 0;
		int lk = is_kanji(l), rk = is_kanji(r);
		int ld = is_ascii_digit(l) || kanji_digit(l) >= 0, rd = is_ascii_digit(r) || kanji_digit(r) >= 0;
		int as_kanji = l && r && !is_katakana(l) && !is_katakana(r) && (lk || rk) &&
			       (lk || ld) && (rk || rd);
		/* a bar ending the line after a kanji is 一 (健一), where a
		** katakana word may well end in ロ or ー */
		if (!r && lk && j - i == 1 && is_dash(cp[i]))
			as_kanji = 1;
		if (as_kanji)
			for (int k = i; k < j; k++)
				cp[k] = kanji_lookalike(cp[k]);
		i = j;
	}
	return utf8_encode(cp, 0, n, out, outlen);
}

int name_tidy(const char *in, char *out, size_t outlen)
{
	char t[1024];
	if (ocr_tidy(in, t, sizeof t) < 0)
		return -1;
	/* The line ends with the honorific: what a read puts after it is the
	** box's edge (ーー, =), never the name. */
	if (strlen(t) >= 6)
		for (char *at = t + 3; *at; at++)
			if (!strncmp(at, "\xE6\xA7\x98", 3) || !strncmp(at, "\xE6\xAC\x84", 3)) {
				*at = 0; /* 様 or 欄 after at least one character */
				break;
			}
	return ocr_tidy(t, out, outlen);
}

/* Whether c is a numeral of an address number (chome, go): 一..九, 〇, 十, or
** a digit. */
static int address_numeral(long c)
{
	return kanji_digit(c) >= 0 || c == 0x5341 || is_ascii_digit(c) ||
	       (c >= 0xff10 && c <= 0xff19);
}

/* Replace cp[at, at + del) by the n_ins code points of ins. Returns the
** new length, or -1 (cp unchanged) when it would exceed cap. */
static int cp_splice(long *cp, int n, int cap, int at, int del, const long *ins, int n_ins)
{
	if (n - del + n_ins > cap)
		return -1;
	memmove(cp + at + n_ins, cp + at + del, (size_t)(n - at - del) * sizeof cp[0]);
	memcpy(cp + at, ins, (size_t)n_ins * sizeof cp[0]);
	return n - del + n_ins;
}

int address_fix_chome(const char *in, char *out, size_t outlen)
{
	enum { CHO = 0x4e01, RYO = 0x4e86, ME = 0x76ee, JU = 0x5341, /* 丁 了 目 十 */
	       UE = 0x4e0a, HI = 0x65e5 };                            /* 上 日 */
	static const long chome[2] = {CHO, ME};
	long cp[MAXCP + 8];
	int n = in ? utf8_decode(in, cp, MAXCP) : -1;
	if (n < 0)
		return -1;
	int fixed = 0;
	/* 丁目 read as 上日, 丁上日 or 日, between the chome and the ban
	** number (羽根木一上日40番): no address has a 日 there */
	for (int i = 1; i < n; i++) {
		if (!address_numeral(cp[i - 1]) || cp[i - 1] == JU)
			continue;
		int len = cp[i] == HI ? 1
			: cp[i] == UE && i + 1 < n && cp[i + 1] == HI ? 2
			: cp[i] == CHO && i + 2 < n && cp[i + 1] == UE && cp[i + 2] == HI ? 3 : 0;
		int m = len && i + len < n && address_numeral(cp[i + len])
			? cp_splice(cp, n, MAXCP, i, len, chome, 2) : -1;
		if (m >= 0) {
			n = m;
			fixed = 1;
		}
	}
	for (int i = 1; i < n; i++) {
		if (cp[i] != ME)
			continue;
		/* what follows 丁目 is the ban number, or nothing */
		long next = i + 1 < n ? cp[i + 1] : 0;
		if (next && !address_numeral(next))
			continue;
		/* 丁 read as 了, T, or as 十 after a one-digit numeral (五十目:
		** a fiftieth chome is far rarer than that misreading) */
		if ((cp[i - 1] == RYO || cp[i - 1] == 'T' ||
		     (cp[i - 1] == JU && i >= 2 && kanji_digit(cp[i - 2]) > 0)) &&
		    i >= 2 && address_numeral(cp[i - 2])) {
			cp[i - 1] = CHO;
			fixed = 1;
		} else if (address_numeral(cp[i - 1]) && n < MAXCP) {
			memmove(cp + i + 1, cp + i, (size_t)(n - i) * sizeof cp[0]);
			cp[i] = CHO;
			n++;
			i++;
			fixed = 1;
		}
	}
	if (utf8_encode(cp, 0, n, out, outlen) < 0)
		return -1;
	return fixed;
}

int address_fix_go(const char *in, char *out, size_t outlen)
{
	enum { BAN = 0x756a, GO = 0x53f7 }; /* 番 号 */
	long cp[MAXCP + 8];
	int n = in ? utf8_decode(in, cp, MAXCP) : -1;
	if (n < 0)
		return -1;
	int fixed = 0;
	/* 番, the go number, one character that is no numeral, the end */
	if (n >= 3 && cp[n - 1] != GO && !address_numeral(cp[n - 1]) && !is_space(cp[n - 1]) &&
	    !is_hyphen_like(cp[n - 1]) && address_numeral(cp[n - 2])) {
		int i = n - 2;
		while (i > 0 && address_numeral(cp[i - 1]))
			i--;
		if (i > 0 && cp[i - 1] == BAN) {
			cp[n - 1] = GO;
			fixed = 1;
		}
	}
	/* a building's room, its number, then 号室 with one of the two
	** misread (306全室, 306号宰), the end */
	enum { SHITSU = 0x5ba4 }; /* 室 */
	if (!fixed && n >= 4 && (cp[n - 2] == GO) != (cp[n - 1] == SHITSU) &&
	    !address_numeral(cp[n - 2]) && !address_numeral(cp[n - 1]) && !is_space(cp[n - 2]) &&
	    !is_space(cp[n - 1]) && address_numeral(cp[n - 3])) {
		int i = n - 3;
		while (i > 0 && address_numeral(cp[i - 1]))
			i--;
		if (i > 0 && cp[i - 1] != BAN && cp[i - 1] != GO && !is_space(cp[i - 1]) &&
		    !is_hyphen_like(cp[i - 1])) {
			cp[n - 2] = GO;
			cp[n - 1] = SHITSU;
			fixed = 1;
		}
	}
	if (utf8_encode(cp, 0, n, out, outlen) < 0)
		return -1;
	return fixed;
}

/* ---- the town lexicon ---- */

/* Weighted edit distance (doubled, to stay in integers) from the read
** town a to a listed town b: a character of b the recogniser cannot
** read costs 1 to miss or replace, any other edit 2. */
static int town_cost2(const long *a, int na, const long *b, int nb, char_known_fn known,
		      void *ctx)
{
	int row[64], prev[64];
	if (na > 62 || nb > 62)
		return 1000;
	for (int j = 0; j <= nb; j++)
		prev[j] = j == 0 ? 0 : prev[j - 1] + (known && !known(ctx, b[j - 1]) ? 1 : 2);
	for (int i = 1; i <= na; i++) {
		row[0] = prev[0] + 2;
		for (int j = 1; j <= nb; j++) {
			int w = known && !known(ctx, b[j - 1]) ? 1 : 2;
			int best = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : w);
			if (prev[j] + 2 < best)
				best = prev[j] + 2; /* a character the reader added */
			if (row[j - 1] + w < best)
				best = row[j - 1] + w; /* one it missed */
			row[j] = best;
		}
		memcpy(prev, row, sizeof row);
	}
	return prev[nb];
}

int address_fix_town(const char *in, const char *muni_name, const char *const *towns,
		     int ntowns, char_known_fn known, void *ctx, char *out, size_t outlen)
{
	long cp[MAXCP], mu[64];
	if (!in || !out || outlen == 0)
		return -1;
	int n = utf8_decode(in, cp, MAXCP);
	if (n < 0 || (size_t)snprintf(out, outlen, "%s", in) >= outlen)
		return -1;
	if (!muni_name || !towns || ntowns <= 0)
		return 0;
	int nm = utf8_decode(muni_name, mu, 64);
	if (nm <= 0)
		return 0;
	/* the city part of the municipality's name, without its prefecture */
	int ms = 0;
	for (size_t k = 0; k < sizeof prefectures / sizeof prefectures[0] && !ms; k++)
		ms = match_at(mu, nm, 0, prefectures[k]);
	/* the text: an optional prefecture, then the city */
	int ts = 0;
	for (size_t k = 0; k < sizeof prefectures / sizeof prefectures[0] && !ts; k++)
		ts = match_at(cp, n, 0, prefectures[k]);
	int city = nm - ms;
	if (city <= 0 || ts + city > n)
		return 0;
	for (int k = 0; k < city; k++)
		if (cp[ts + k] != mu[ms + k])
			return 0;
	int t0 = ts + city;
	int len = numbers_start(cp + t0, n - t0);
	if (len <= 0)
		return 0;
	int best = 1000, second = 1000, which = -1;
	for (int k = 0; k < ntowns; k++) {
		long tw[64];
		int nt = towns[k] ? utf8_decode(towns[k], tw, 64) : -1;
		if (nt <= 0)
			continue;
		int c = town_cost2(cp + t0, len, tw, nt, known, ctx);
		if (c == 0)
			return 0; /* a listed town: nothing to correct */
		if (c < best)
			second = best, best = c, which = k;
		else if (c < second)
			second = c;
	}
	/* at most one edit (2) away, and nearer than any other town */
	if (which < 0 || best > 2 || second <= best)
		return 0;
	char head[1024], tail[1024];
	if (utf8_encode(cp, 0, t0, head, sizeof head) < 0 ||
	    utf8_encode(cp, t0 + len, n, tail, sizeof tail) < 0)
		return -1;
	if ((size_t)snprintf(out, outlen, "%s%s%s", head, towns[which], tail) >= outlen) {
		snprintf(out, outlen, "%s", in);
		return -1;
	}
	return 1;
}
