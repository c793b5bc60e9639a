/*
** people.c — name and address tables. The towns are real Setagaya town
** names (with how many chome each has, roughly); people and buildings are
** invented.
*/
#include "people.h"

#include <stdio.h>
#include <string.h>

#include "payload.h"

static const struct { const char *k, *kana; } surnames[] = {
	{"佐藤", "サトウ"}, {"鈴木", "スズキ"}, {"高橋", "タカハシ"}, {"髙橋", "タカハシ"},
	{"田中", "タナカ"}, {"伊藤", "イトウ"}, {"渡辺", "ワタナベ"}, {"渡邊", "ワタナベ"},
	{"山本", "ヤマモト"}, {"中村", "ナカムラ"}, {"小林", "コバヤシ"}, {"加藤", "カトウ"},
	{"吉田", "ヨシダ"}, {"山田", "ヤマダ"}, {"佐々木", "ササキ"}, {"山口", "ヤマグチ"},
	{"松本", "マツモト"}, {"井上", "イノウエ"}, {"木村", "キムラ"}, {"林", "ハヤシ"},
	{"斎藤", "サイトウ"}, {"齋藤", "サイトウ"}, {"清水", "シミズ"}, {"山崎", "ヤマザキ"},
	{"山﨑", "ヤマザキ"}, {"森", "モリ"}, {"池田", "イケダ"}, {"橋本", "ハシモト"},
	{"阿部", "アベ"}, {"石川", "イシカワ"}, {"前田", "マエダ"}, {"藤田", "フジタ"},
	{"小川", "オガワ"}, {"岡田", "オカダ"}, {"後藤", "ゴトウ"}, {"長谷川", "ハセガワ"},
	{"村上", "ムラカミ"}, {"近藤", "コンドウ"}, {"坂本", "サカモト"}, {"遠藤", "エンドウ"},
	{"青木", "アオキ"}, {"藤井", "フジイ"}, {"西村", "ニシムラ"}, {"福田", "フクダ"},
	{"太田", "オオタ"}, {"三浦", "ミウラ"}, {"岡本", "オカモト"}, {"松田", "マツダ"},
	{"中島", "ナカジマ"}, {"原田", "ハラダ"}, {"小野", "オノ"}, {"竹内", "タケウチ"},
	{"金子", "カネコ"}, {"和田", "ワダ"}, {"中野", "ナカノ"}, {"今井", "イマイ"},
};

static const struct { const char *k, *kana; } givens[] = {
	{"太郎", "タロウ"}, {"一郎", "イチロウ"}, {"健太", "ケンタ"}, {"翔", "ショウ"},
	{"大輔", "ダイスケ"}, {"誠", "マコト"}, {"隆", "タカシ"}, {"浩二", "コウジ"},
	{"拓也", "タクヤ"}, {"正人", "マサト"}, {"直樹", "ナオキ"}, {"健一", "ケンイチ"},
	{"修", "オサム"}, {"博", "ヒロシ"}, {"達也", "タツヤ"}, {"和也", "カズヤ"},
	{"花子", "ハナコ"}, {"恵美", "エミ"}, {"陽子", "ヨウコ"}, {"直子", "ナオコ"},
	{"さくら", "サクラ"}, {"美咲", "ミサキ"}, {"由美子", "ユミコ"}, {"優子", "ユウコ"},
	{"智子", "トモコ"}, {"明美", "アケミ"}, {"久美子", "クミコ"}, {"真由美", "マユミ"},
	{"京子", "キョウコ"}, {"幸子", "サチコ"}, {"愛", "アイ"}, {"結衣", "ユイ"},
	{"洋子", "ヨウコ"}, {"和子", "カズコ"}, {"勝", "マサル"}, {"実", "ミノル"},
};

static const struct { const char *k; int chome; } towns[] = {
	{"太子堂", 5}, {"三軒茶屋", 2}, {"池尻", 4}, {"若林", 5}, {"下馬", 6},
	{"上馬", 5}, {"野沢", 4}, {"駒沢", 5}, {"深沢", 8}, {"桜新町", 2},
	{"用賀", 4}, {"玉川", 4}, {"瀬田", 5}, {"等々力", 8}, {"尾山台", 3},
	{"奥沢", 8}, {"経堂", 5}, {"宮坂", 3}, {"桜丘", 5}, {"千歳台", 6},
	{"船橋", 7}, {"祖師谷", 6}, {"成城", 9}, {"砧", 8}, {"喜多見", 9},
	{"上祖師谷", 7}, {"南烏山", 6}, {"北烏山", 9}, {"松原", 6}, {"代田", 6},
	{"羽根木", 2}, {"北沢", 5}, {"代沢", 5}, {"梅丘", 3}, {"豪徳寺", 2},
	{"赤堤", 5}, {"桜上水", 5}, {"弦巻", 5}, {"世田谷", 4}, {"桜", 3},
};

static const char *buildings[] = {
	"ハイツ若葉", "コーポ欅", "ヴィラ砧", "グランコート", "エステート桜",
	"レジデンス松陰", "フォレスト経堂", "カーサ用賀", "メゾン緑ヶ丘", "パレス等々力",
	"ロイヤル駒沢", "シャトー成城",
};

static const struct { const char *pc, *town; int chome; const char *muni5; } wards[] = {
	{"東京都杉並区", "高円寺南", 5, "13115"}, {"東京都中野区", "中央", 5, "13114"},
	{"東京都渋谷区", "笹塚", 3, "13113"},   {"東京都目黒区", "中町", 2, "13110"},
	{"東京都大田区", "田園調布", 5, "13111"}, {"東京都品川区", "荏原", 7, "13109"},
};

static const struct { const char *pc, *town; int chome; } elsewhere[] = {
	{"東京都世田谷区", "三宿", 2},  {"東京都杉並区", "永福", 4},
	{"東京都狛江市", "東和泉", 4},  {"東京都調布市", "国領町", 8},
	{"神奈川県川崎市中原区", "小杉町", 3}, {"神奈川県横浜市青葉区", "美しが丘", 5},
	{"埼玉県さいたま市浦和区", "常盤", 10}, {"千葉県市川市", "八幡", 4},
	{"東京都目黒区", "自由が丘", 3}, {"東京都練馬区", "豊玉北", 6},
};

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

void person_random(person_name *p, rng *r)
{
	int s = rng_int(r, 0, N(surnames) - 1), g = rng_int(r, 0, N(givens) - 1);
	snprintf(p->sur, sizeof p->sur, "%s", surnames[s].k);
	snprintf(p->sur_kana, sizeof p->sur_kana, "%s", surnames[s].kana);
	snprintf(p->given, sizeof p->given, "%s", givens[g].k);
	snprintf(p->given_kana, sizeof p->given_kana, "%s", givens[g].kana);
}

void person_family(person_name *p, const person_name *of, rng *r)
{
	person_random(p, r);
	memcpy(p->sur, of->sur, sizeof p->sur);
	memcpy(p->sur_kana, of->sur_kana, sizeof p->sur_kana);
}

void person_full(const person_name *p, const char *sep, char *out, size_t n)
{
	snprintf(out, n, "%s%s%s", p->sur, sep, p->given);
}

void person_kana(const person_name *p, char *out, size_t n)
{
	snprintf(out, n, "%s %s", p->sur_kana, p->given_kana);
}

const char *surname_other(const char *sur, rng *r, const char **kana)
{
	for (;;) {
		int s = rng_int(r, 0, N(surnames) - 1);
		/* not the same reading either: 斎藤 -> 齋藤 is no change of name */
		if (strcmp(surnames[s].k, sur) == 0)
			continue;
		int same_kana = 0;
		for (int i = 0; i < N(surnames); i++)
			if (!strcmp(surnames[i].k, sur) &&
			    !strcmp(surnames[i].kana, surnames[s].kana))
				same_kana = 1;
		if (same_kana)
			continue;
		if (kana)
			*kana = surnames[s].kana;
		return surnames[s].k;
	}
}

static void numbers(address *a, rng *r, int chomes)
{
	a->chome = chomes ? rng_int(r, 1, chomes) : 0;
	a->ban = rng_int(r, 1, 40);
	a->go = rng_int(r, 1, 30);
	a->building[0] = 0;
	a->room = 0;
	if (rng_chance(r, 0.35)) {
		snprintf(a->building, sizeof a->building, "%s",
			 buildings[rng_int(r, 0, N(buildings) - 1)]);
		a->room = rng_int(r, 1, 5) * 100 + rng_int(r, 1, 8);
	}
}

void address_setagaya(address *a, rng *r)
{
	int t = rng_int(r, 0, N(towns) - 1);
	snprintf(a->pref_city, sizeof a->pref_city, "東京都世田谷区");
	snprintf(a->town, sizeof a->town, "%s", towns[t].k);
	numbers(a, r, towns[t].chome);
}

void address_other_ward(address *a, rng *r, char muni_out[8])
{
	int t = rng_int(r, 0, N(wards) - 1);
	snprintf(a->pref_city, sizeof a->pref_city, "%s", wards[t].pc);
	snprintf(a->town, sizeof a->town, "%s", wards[t].town);
	numbers(a, r, wards[t].chome);
	snprintf(muni_out, 8, "%s%d", wards[t].muni5, muni_check_digit(wards[t].muni5));
}

void address_anywhere(address *a, rng *r)
{
	if (rng_chance(r, 0.5)) {
		address_setagaya(a, r);
		return;
	}
	int t = rng_int(r, 0, N(elsewhere) - 1);
	snprintf(a->pref_city, sizeof a->pref_city, "%s", elsewhere[t].pc);
	snprintf(a->town, sizeof a->town, "%s", elsewhere[t].town);
	numbers(a, r, elsewhere[t].chome);
}

void kanji_number(int v, char *out, size_t n)
{
	static const char *d[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
	if (v < 10)
		snprintf(out, n, "%s", d[v]);
	else
		snprintf(out, n, "%s十%s", v / 10 == 1 ? "" : d[v / 10], v % 10 ? d[v % 10] : "");
}

/* ASCII digits of s as full-width digits. */
static void fullwidth(const char *s, char *out, size_t n)
{
	size_t o = 0;
	for (; *s && o + 4 < n; s++) {
		if (*s >= '0' && *s <= '9') {
			/* U+FF10.. = EF BC 90.. */
			out[o++] = (char)0xef;
			out[o++] = (char)0xbc;
			out[o++] = (char)(0x90 + (*s - '0'));
		} else {
			out[o++] = *s;
		}
	}
	out[o] = 0;
}

void address_format(const address *a, address_notation nt, const char *space,
		    char *out, size_t n)
{
	char ch[32] = "", num[96], bld[128] = "";
	if (nt == NOTE_DASH) {
		if (a->chome)
			snprintf(num, sizeof num, "%d-%d-%d", a->chome, a->ban, a->go);
		else
			snprintf(num, sizeof num, "%d-%d", a->ban, a->go);
		if (a->building[0])
			snprintf(bld, sizeof bld, "%s%s%d", space, a->building, a->room);
		snprintf(out, n, "%s%s%s%s", a->pref_city, a->town, num, bld);
		return;
	}
	if (a->chome) {
		if (nt == NOTE_ARABIC)
			snprintf(ch, sizeof ch, "%d丁目", a->chome);
		else {
			char k[16];
			kanji_number(a->chome, k, sizeof k);
			snprintf(ch, sizeof ch, "%s丁目", k);
		}
	}
	snprintf(num, sizeof num, "%s%d番%d号", ch, a->ban, a->go);
	if (a->building[0])
		snprintf(bld, sizeof bld, "%s%s%d号室", space, a->building, a->room);
	char plain[512];
	snprintf(plain, sizeof plain, "%s%s%s%s", a->pref_city, a->town, num, bld);
	if (nt == NOTE_FULLWIDTH)
		fullwidth(plain, out, n);
	else
		snprintf(out, n, "%s", plain);
}
