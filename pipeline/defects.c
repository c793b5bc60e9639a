/*
** defects.c — names and Japanese sentences of decisions and defects.
*/
#include "defects.h"

#include <string.h>

static const struct {
	const char *code;
	const char *ja;
} defects[DF_COUNT] = {
	[DF_NO_CERT_SELECTED] = {"NO_CERT_SELECTED", "更新する電子証明書が選択されていません"},
	[DF_PIN_SIGN_MISSING] = {"PIN_SIGN_MISSING", "署名用電子証明書の暗証番号が記入されていません"},
	[DF_PIN_SIGN_FORMAT] = {"PIN_SIGN_FORMAT", "署名用電子証明書の暗証番号が、英字と数字をそれぞれ1文字以上含む6～16文字（左詰め）になっていません"},
	[DF_PIN_USER_MISSING] = {"PIN_USER_MISSING", "利用者証明用電子証明書の暗証番号が記入されていません"},
	[DF_PIN_USER_FORMAT] = {"PIN_USER_FORMAT", "利用者証明用電子証明書の暗証番号が数字4桁になっていません"},
	[DF_ANSWER_DATE_MISSING] = {"ANSWER_DATE_MISSING", "回答日が記入されていません"},
	[DF_ANSWER_DATE_INVALID] = {"ANSWER_DATE_INVALID", "回答日が正しい日付ではありません（実在しない日付、処理日より後、または照会書の作成日より前）"},
	[DF_ANSWER_NAME_MISSING] = {"ANSWER_NAME_MISSING", "回答書欄の氏名（自署）が記入されていません"},
	[DF_ANSWER_SEAL_MISSING] = {"ANSWER_SEAL_MISSING", "記名押印の場合に必要な回答書欄の押印がありません"},
	[DF_MANDATE_DATE_MISSING] = {"MANDATE_DATE_MISSING", "委任日が記入されていません"},
	[DF_MANDATE_DATE_INVALID] = {"MANDATE_DATE_INVALID", "委任日が正しい日付ではありません（実在しない日付、処理日より後、または照会書の作成日より前）"},
	[DF_PROXY_ADDRESS_MISSING] = {"PROXY_ADDRESS_MISSING", "代理人の住所が記入されていません"},
	[DF_PROXY_NAME_MISSING] = {"PROXY_NAME_MISSING", "代理人の氏名が記入されていません"},
	[DF_PROXY_PHONE_FORMAT] = {"PROXY_PHONE_FORMAT", "代理人の電話番号が10桁または11桁の数字になっていません"},
	[DF_MANDATOR_NAME_MISSING] = {"MANDATOR_NAME_MISSING", "委任者（本人）の氏名（自署）が記入されていません"},
	[DF_MANDATOR_SEAL_MISSING] = {"MANDATOR_SEAL_MISSING", "記名押印の場合に必要な委任者欄の押印がありません"},
	[DF_TOO_EARLY] = {"TOO_EARLY", "電子証明書の更新を受け付ける期間より前です（通常は有効期限の3か月前の翌日から）"},
	[DF_NOT_RESIDENT] = {"NOT_RESIDENT", "住民記録に該当する住民がいないか、転出または死亡しています"},
	[DF_CARD_EXPIRED] = {"CARD_EXPIRED", "マイナンバーカードの有効期限が過ぎています"},
	[DF_WRONG_MUNICIPALITY] = {"WRONG_MUNICIPALITY", "他の市区町村あての照会書です"},
	[DF_PRINTED_DATA_CHANGED] = {"PRINTED_DATA_CHANGED", "有効期限満了後で、照会書に印字された住所または氏名が変更されています（文書による照会が必要です）"},
	[DF_UNIDENTIFIED] = {"UNIDENTIFIED", "照会書として識別できないページです"},
	[DF_DUPLICATE] = {"DUPLICATE", "同じ照会番号の照会書がすでに読み取られています"},
	[DF_LOW_CONFIDENCE] = {"LOW_CONFIDENCE", "読み取りの確度が低いため、職員による確認が必要です"},
};

/* Where on the form (or in the records) a person looks when the check of
** this defect could not decide. */
static const char *const places[DF_COUNT] = {
	[DF_NO_CERT_SELECTED] = "更新する電子証明書の選択欄",
	[DF_PIN_SIGN_MISSING] = "署名用電子証明書の暗証番号欄",
	[DF_PIN_SIGN_FORMAT] = "署名用電子証明書の暗証番号欄",
	[DF_PIN_USER_MISSING] = "利用者証明用電子証明書の暗証番号欄",
	[DF_PIN_USER_FORMAT] = "利用者証明用電子証明書の暗証番号欄",
	[DF_ANSWER_DATE_MISSING] = "回答日",
	[DF_ANSWER_DATE_INVALID] = "回答日",
	[DF_ANSWER_NAME_MISSING] = "回答書欄の氏名",
	[DF_ANSWER_SEAL_MISSING] = "回答書欄の押印",
	[DF_MANDATE_DATE_MISSING] = "委任日",
	[DF_MANDATE_DATE_INVALID] = "委任日",
	[DF_PROXY_ADDRESS_MISSING] = "代理人の住所",
	[DF_PROXY_NAME_MISSING] = "代理人の氏名",
	[DF_PROXY_PHONE_FORMAT] = "代理人の電話番号",
	[DF_MANDATOR_NAME_MISSING] = "委任者の氏名",
	[DF_MANDATOR_SEAL_MISSING] = "委任者欄の押印",
	[DF_TOO_EARLY] = "電子証明書の有効期限（更新受付期間）",
	[DF_NOT_RESIDENT] = "住民記録",
	[DF_CARD_EXPIRED] = "マイナンバーカードの有効期限",
	[DF_WRONG_MUNICIPALITY] = "照会書の市区町村",
	[DF_PRINTED_DATA_CHANGED] = "印字された住所・氏名と住民記録",
	[DF_UNIDENTIFIED] = "ページ全体",
	[DF_DUPLICATE] = "照会番号",
	[DF_LOW_CONFIDENCE] = "ページ全体",
};

const char *defect_place_ja(defect d)
{
	return (unsigned)d < DF_COUNT ? places[d] : "?";
}

int review_places_ja(defect_set uncertain, char *out, size_t n)
{
	static const char head[] = "確認が必要な箇所：";
	if (!out || n == 0)
		return -1;
	out[0] = 0;
	if (!uncertain)
		return 0;
	size_t len = strlen(head);
	if (len >= n)
		return -1;
	memcpy(out, head, len + 1);
	const char *seen[DF_COUNT];
	int nseen = 0;
	for (int i = 0; i < DF_COUNT; i++) {
		if (!(uncertain & DEFECT_BIT(i)))
			continue;
		const char *p = places[i];
		int dup = 0;
		for (int k = 0; k < nseen; k++)
			dup |= strcmp(seen[k], p) == 0;
		if (dup)
			continue;
		size_t add = strlen(p) + (nseen ? strlen("、") : 0);
		if (len + add >= n)
			return -1;
		if (nseen)
			strcat(out + len, "、"), len += strlen("、");
		strcat(out + len, p);
		len += strlen(p);
		seen[nseen++] = p;
	}
	return (int)len;
}

static const char *decisions[] = {"ACCEPT", "REJECT", "REINQUIRY", "REVIEW", "BLANK"};

const char *decision_str(decision d)
{
	return (unsigned)d < sizeof decisions / sizeof decisions[0] ? decisions[d] : "?";
}

const char *defect_code(defect d)
{
	return (unsigned)d < DF_COUNT ? defects[d].code : "?";
}

const char *defect_text_ja(defect d)
{
	return (unsigned)d < DF_COUNT ? defects[d].ja : "?";
}

int defect_from_code(const char *code)
{
	for (int i = 0; i < DF_COUNT; i++)
		if (!strcmp(defects[i].code, code))
			return i;
	return -1;
}

int decision_from_str(const char *s)
{
	for (unsigned i = 0; i < sizeof decisions / sizeof decisions[0]; i++)
		if (!strcmp(decisions[i], s))
			return (int)i;
	return -1;
}
