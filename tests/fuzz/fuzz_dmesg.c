/*
 * fuzz_dmesg.c - libFuzzer harness for the boot-log importer.
 *
 * Each input is a boot log, run through what `memboot import` and
 * `memboot check` do with it: dmesg_parse() must load it or fail with a
 * message; a log that loads is written out with machine_write_xml(),
 * which must load back with machine_parse_xml() (the importer's promise:
 * a failure there is a writer bug and traps); the machine is replayed
 * with engine_new() and its lines compared with the log's by
 * check_compare(). Inputs above FUZZ_MAX_BYTES are skipped and machines
 * with more RAM than fuzz_bound.h allows are not replayed, so each input
 * stays quick. Built by tests/fuzz/build.sh; run by tests/fuzz/run.sh.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "check.h"
#include "diag.h"
#include "dmesg.h"
#include "engine.h"
#include "fuzz_bound.h"
#include "machine.h"
#include "machine_write.h"
#include "machine_xml.h"
#include "xalloc.h"

#define FUZZ_MAX_BYTES (1u << 20)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	xmlInitParser();
	return 0;
}

/* The written machine must load back; say why and trap when not. */
static void
round_trip(const struct machine *m)
{
	struct machine back;
	struct diag err;
	size_t len;
	char *xml = machine_write_xml(m, &len);

	memset(&err, 0, sizeof(err));
	if (machine_parse_xml(xml, len, "(imported machine)", &back, &err)) {
		char msg[DIAG_MSG_LEN + 300];

		diag_format(&err, msg, sizeof(msg));
		fprintf(stderr, "fuzz_dmesg: the imported machine does not load "
			"back: %s\n%s\n", msg, xml);
		__builtin_trap();
	}
	machine_release(&back);
	free(xml);
}

/* What memboot check does after the import. */
static void
replay_and_check(const struct dmesg *d)
{
	struct diag err;
	struct engine *e;
	const struct klog *log;
	const char **expected, **predicted;
	struct check_result r;

	if (!fuzz_engine_bounded(&d->m))
		return;
	e = engine_new(&d->m, &err);
	if (!e)
		return;
	log = engine_log(e);
	expected = xcalloc(d->nr_lines + 1, sizeof(*expected));
	predicted = xcalloc(log->nr + 1, sizeof(*predicted));
	for (size_t i = 0; i < d->nr_lines; i++)
		expected[i] = d->lines[i].text;
	for (size_t i = 0; i < log->nr; i++)
		predicted[i] = log->lines[i].text;
	check_compare(expected, d->nr_lines, predicted, log->nr, &r);
	check_release(&r);
	free(expected);
	free(predicted);
	engine_free(e);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dmesg d;
	struct diag err;

	if (size > FUZZ_MAX_BYTES)
		return -1;
	memset(&err, 0, sizeof(err));
	if (dmesg_parse((const char *)data, size, "fuzz.log", &d, &err) == 0) {
		round_trip(&d.m);
		replay_and_check(&d);
	} else if (err.msg[0] == '\0') {
		__builtin_trap();	/* a failure must say why */
	}
	dmesg_release(&d);
	return 0;
}
