/*
** profile.c — read and validate a rule profile with jansson.
**
** Every key is required: a profile that silently fell back to a default
** could run the wrong municipality's rules.
*/
#include "profile.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "payload.h"

static int fail(char *err, size_t n, const char *path, const char *what)
{
	snprintf(err, n, "%s: %s", path, what);
	return -1;
}

static int get_int(json_t *root, const char *key, int lo, int hi, int *out)
{
	json_t *v = json_object_get(root, key);
	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
		return -1;
	*out = (int)json_integer_value(v);
	return 0;
}

static int get_str_value(json_t *v, char *out, size_t n)
{
	if (!json_is_string(v) || !json_string_length(v) || json_string_length(v) >= n)
		return -1;
	memcpy(out, json_string_value(v), json_string_length(v) + 1);
	return 0;
}

static int get_str(json_t *root, const char *key, char *out, size_t n)
{
	return get_str_value(json_object_get(root, key), out, n);
}

/* "towns" is optional (no list: no correction); a list that is there
** must be well formed. */
static int load_towns(json_t *root, profile *p, const char *path, char *err, size_t errlen)
{
	json_t *v = json_object_get(root, "towns");
	if (!v)
		return 0;
	if (!json_is_array(v) || json_array_size(v) > PROFILE_MAX_TOWNS)
		return fail(err, errlen, path, "\"towns\" must be an array of at most 160 names");
	for (size_t i = 0; i < json_array_size(v); i++)
		if (get_str_value(json_array_get(v, i), p->towns[i], sizeof p->towns[i]))
			return fail(err, errlen, path, "\"towns\" holds an empty, overlong or non-string name");
	p->ntowns = (int)json_array_size(v);
	return 0;
}

int profile_load(const char *path, profile *p, char *err, size_t errlen)
{
	memset(p, 0, sizeof *p);
	json_error_t je;
	json_t *root = json_load_file(path, 0, &je);
	if (!root) {
		snprintf(err, errlen, "%s:%d:%d: %s", path, je.line, je.column, je.text);
		return -1;
	}
	int rc = -1;
	json_t *v;
	if (!json_is_object(root))
		fail(err, errlen, path, "not a JSON object");
	else if (get_str(root, "name", p->name, sizeof p->name))
		fail(err, errlen, path, "\"name\" missing or too long");
	else if (get_str(root, "municipality", p->muni, sizeof p->muni) || !muni_valid(p->muni))
		fail(err, errlen, path, "\"municipality\" must be a 6-digit code with a valid check digit");
	else if (get_str(root, "municipality_name", p->muni_name, sizeof p->muni_name))
		fail(err, errlen, path, "\"municipality_name\" missing or too long");
	else if (get_int(root, "renewal_window_months", 1, 24, &p->window_months))
		fail(err, errlen, path, "\"renewal_window_months\" must be an integer 1-24");
	else if (get_int(root, "overseas_window_months", 1, 24, &p->overseas_window_months))
		fail(err, errlen, path, "\"overseas_window_months\" must be an integer 1-24");
	else if (!json_is_boolean(v = json_object_get(root, "accept_expired_if_unchanged")))
		fail(err, errlen, path, "\"accept_expired_if_unchanged\" must be true or false");
	else {
		p->accept_expired_unchanged = json_is_true(v);
		v = json_object_get(root, "confidence_gate");
		if (!json_is_number(v) || json_number_value(v) <= 0.5 || json_number_value(v) > 1)
			fail(err, errlen, path, "\"confidence_gate\" must be a number in (0.5, 1]");
		else {
			p->gate = json_number_value(v);
			rc = load_towns(root, p, path, err, errlen);
		}
	}
	json_decref(root);
	return rc;
}
