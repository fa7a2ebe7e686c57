/*
 * test_fuzz_regressions.c - every input the fuzzers ever crashed on, run
 * again through the same code under the normal build (and under ASan and
 * UBSan in CI's sanitizer run).
 *
 * tests/fuzz/regressions/xml/NAME is a machine file for machine_parse_xml
 * and, when it loads, engine_new. tests/fuzz/regressions/dmesg/NAME is a
 * boot log, run as memboot import and check do: dmesg_parse and
 * dmesg_calibrate, the written
 * machine loaded back, engine_new and check_compare. Beside an input,
 * NAME.expect says what must happen, on its first line:
 *   loads                  the loader (importer) and the engine accept it
 *   error: TEXT            the loader (importer) rejects it with TEXT
 *   engine error: TEXT     it loads; the engine refuses it with TEXT
 *   known bug: TEXT        not run (it still crashes): its TAP line says
 *                          SKIP, and tests/fuzz/run.sh leaves it out of the
 *                          seeds
 * Without an .expect file the input only has to come back without a crash.
 * One TAP test per input, named after its directory and file.
 */
#include <dirent.h>
#include <stdbool.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "diag.h"
#include "dmesg.h"
#include "engine.h"
#include "machine.h"
#include "machine_write.h"
#include "machine_xml.h"
#include "test_files.h"
#include "xalloc.h"

#define REGRESSIONS "tests/fuzz/regressions"

/* The first line of path + ".expect", or NULL when there is none. */
static char *
expectation(const char *path)
{
	char epath[4096];
	size_t len;
	char *s;

	snprintf(epath, sizeof(epath), "%s.expect", path);
	s = test_slurp(epath, &len);
	if (s)
		s[strcspn(s, "\r\n")] = '\0';
	return s;
}

/* The message must hold want; print both when it does not. */
static void
assert_message(const struct diag *err, const char *want)
{
	char msg[1024];

	diag_format(err, msg, sizeof(msg));
	if (!strstr(msg, want))
		fail_msg("message \"%s\" does not contain \"%s\"", msg, want);
}

/* Check what happened against the .expect line (NULL: anything goes). */
static void
assert_outcome(const char *path, const char *expect, int rc, bool engine_ok,
	       const struct diag *err)
{
	if (!expect)
		return;
	if (strcmp(expect, "loads") == 0) {
		if (rc)
			assert_message(err, "(it should load)");
		if (!engine_ok)
			assert_message(err, "(the engine should accept it)");
	} else if (strncmp(expect, "error: ", 7) == 0) {
		assert_int_not_equal(rc, 0);
		assert_message(err, expect + 7);
	} else if (strncmp(expect, "engine error: ", 14) == 0) {
		assert_int_equal(rc, 0);
		assert_false(engine_ok);
		assert_message(err, expect + 14);
	} else {
		fail_msg("%s.expect: unknown expectation \"%s\"", path, expect);
	}
}

/* A stored input that still crashes: not run (named "... # SKIP"). */
static void
test_known_bug(void **state)
{
	char *expect = expectation(*state);

	print_message("# %s: %s\n", (const char *)*state, expect ? expect : "");
	free(expect);
}

/* True when path's .expect says "known bug:". */
static bool
known_bug(const char *path)
{
	char *expect = expectation(path);
	bool known = expect && strncmp(expect, "known bug: ", 11) == 0;

	free(expect);
	return known;
}

static void
test_xml_input(void **state)
{
	const char *path = *state;
	char *expect = expectation(path);
	struct machine m;
	struct diag err;
	bool engine_ok = false;
	size_t len;
	char *buf = test_slurp(path, &len);
	int rc;

	assert_non_null(buf);
	memset(&err, 0, sizeof(err));
	rc = machine_parse_xml(buf, len, path, &m, &err);
	if (rc == 0) {
		struct engine *e = engine_new(&m, &err);

		engine_ok = e != NULL;
		engine_free(e);
	} else {
		assert_true(err.msg[0] != '\0');
	}
	assert_outcome(path, expect, rc, engine_ok, &err);
	machine_release(&m);
	free(expect);
	free(buf);
}

/* The engine's lines against the log's, as memboot check compares them. */
static void
compare(const struct dmesg *d, const struct engine *e)
{
	const struct klog *log = engine_log(e);
	const char **expected = xcalloc(d->nr_lines + 1, sizeof(*expected));
	const char **predicted = xcalloc(log->nr + 1, sizeof(*predicted));
	struct check_result r;

	for (size_t i = 0; i < d->nr_lines; i++)
		expected[i] = d->lines[i].text;
	for (size_t i = 0; i < log->nr; i++)
		predicted[i] = log->lines[i].text;
	check_compare(expected, d->nr_lines, predicted, log->nr, &r);
	assert_int_equal(r.matched + r.differed + r.not_predicted, r.nr);
	check_release(&r);
	free(expected);
	free(predicted);
}

static void
test_dmesg_input(void **state)
{
	const char *path = *state;
	char *expect = expectation(path);
	struct dmesg d;
	struct diag err;
	bool engine_ok = false;
	size_t len;
	char *buf = test_slurp(path, &len);
	int rc;

	assert_non_null(buf);
	memset(&err, 0, sizeof(err));
	rc = dmesg_parse(buf, len, path, &d, &err);
	if (rc == 0) {
		size_t xml_len;
		char *xml;
		struct machine back;
		struct engine *e;

		dmesg_calibrate(&d);
		xml = machine_write_xml(&d.m, &xml_len);

		/* what memboot import writes must load back */
		if (machine_parse_xml(xml, xml_len, "(imported machine)", &back,
				      &err))
			assert_message(&err, "(the imported machine should load)");
		machine_release(&back);
		free(xml);
		e = engine_new(&d.m, &err);
		engine_ok = e != NULL;
		if (e)
			compare(&d, e);
		engine_free(e);
	} else {
		assert_true(err.msg[0] != '\0');
	}
	assert_outcome(path, expect, rc, engine_ok, &err);
	dmesg_release(&d);
	free(expect);
	free(buf);
}

static void
test_dir_readable(void **state)
{
	const char *dir = *state;
	DIR *d = opendir(dir);

	if (!d)
		fail_msg("cannot read %s", dir);
	closedir(d);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct CMUnitTest *)a)->name,
		      ((const struct CMUnitTest *)b)->name);
}

/* One test per input in srcdir/REGRESSIONS/sub, appended to *tests. */
static void
add_inputs(struct CMUnitTest **tests, size_t *nr, size_t *cap,
	   const char *sub, CMUnitTestFunction fn)
{
	char dir[4096];
	struct dirent *de;
	size_t first;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/%s/%s", test_srcdir(), REGRESSIONS, sub);
	xgrow((void **)tests, cap, *nr + 1, sizeof(**tests));
	(*tests)[(*nr)++] = (struct CMUnitTest){ .name = xstrdup(sub),
		.test_func = test_dir_readable, .initial_state = xstrdup(dir) };
	first = *nr;
	d = opendir(dir);
	while (d && (de = readdir(d))) {
		size_t len = strlen(de->d_name);
		char *name, *path;
		bool known;

		if (de->d_name[0] == '.' ||
		    (len > 7 && strcmp(de->d_name + len - 7, ".expect") == 0))
			continue;
		path = xmalloc(strlen(dir) + len + 2);
		sprintf(path, "%s/%s", dir, de->d_name);
		known = known_bug(path);
		name = xmalloc(strlen(sub) + len + 40);
		sprintf(name, "%s/%s%s", sub, de->d_name,
			known ? " # SKIP known bug, not run" : "");
		xgrow((void **)tests, cap, *nr + 1, sizeof(**tests));
		(*tests)[(*nr)++] = (struct CMUnitTest){ .name = name,
			.test_func = known ? test_known_bug : fn,
			.initial_state = path };
	}
	if (d)
		closedir(d);
	qsort(*tests + first, *nr - first, sizeof(**tests), by_name);
}

int
main(void)
{
	struct CMUnitTest *tests = NULL;
	size_t nr = 0, cap = 0;
	int failed;

	add_inputs(&tests, &nr, &cap, "xml", test_xml_input);
	add_inputs(&tests, &nr, &cap, "dmesg", test_dmesg_input);
	failed = _cmocka_run_group_tests("fuzz regressions", tests, nr, NULL, NULL);
	for (size_t i = 0; i < nr; i++) {
		free((char *)tests[i].name);
		free(tests[i].initial_state);
	}
	free(tests);
	return failed;
}
