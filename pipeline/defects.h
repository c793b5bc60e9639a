/*
** defects.h — decisions and defect codes of SPEC §6, with the Japanese
** sentence counter staff read for each.
*/
#ifndef SHOKAI_DEFECTS_H
#define SHOKAI_DEFECTS_H

#include <stddef.h>

typedef enum {
	DEC_ACCEPT,
	DEC_REJECT,
	DEC_REINQUIRY,
	DEC_REVIEW,
	DEC_BLANK
} decision;

typedef enum {
	DF_NO_CERT_SELECTED,
	DF_PIN_SIGN_MISSING,
	DF_PIN_SIGN_FORMAT,
	DF_PIN_USER_MISSING,
	DF_PIN_USER_FORMAT,
	DF_ANSWER_DATE_MISSING,
	DF_ANSWER_DATE_INVALID,
	DF_ANSWER_NAME_MISSING,
	DF_ANSWER_SEAL_MISSING,
	DF_MANDATE_DATE_MISSING,
	DF_MANDATE_DATE_INVALID,
	DF_PROXY_ADDRESS_MISSING,
	DF_PROXY_NAME_MISSING,
	DF_PROXY_PHONE_FORMAT,
	DF_MANDATOR_NAME_MISSING,
	DF_MANDATOR_SEAL_MISSING,
	DF_TOO_EARLY,
	DF_NOT_RESIDENT,
	DF_CARD_EXPIRED,
	DF_WRONG_MUNICIPALITY,
	DF_PRINTED_DATA_CHANGED,
	/* review reasons */
	DF_UNIDENTIFIED,
	DF_DUPLICATE,
	DF_LOW_CONFIDENCE,
	DF_COUNT
} defect;

/* A set of defects, in enum order. */
typedef unsigned int defect_set;
#define DEFECT_BIT(d) (1u << (d))

const char *decision_str(decision d);
const char *defect_code(defect d);     /* e.g. "PIN_USER_MISSING" */
const char *defect_text_ja(defect d);  /* e.g. 「…記入されていません」 */
const char *defect_place_ja(defect d); /* where a person looks, e.g. 「回答日」 */
/* For a page sent to REVIEW because checks could not decide: one sentence
** naming the places to look, 「確認が必要な箇所：回答日、委任日」 (each place
** once). Writes "" when uncertain is empty. Returns the length, or -1 if
** out is too small. */
int review_places_ja(defect_set uncertain, char *out, size_t n);
/* Parse a code; returns -1 if unknown. */
int defect_from_code(const char *code);
int decision_from_str(const char *s);

#endif
