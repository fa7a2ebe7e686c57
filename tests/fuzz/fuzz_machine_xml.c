/*
 * fuzz_machine_xml.c - libFuzzer harness for the XML machine loader.
 *
 * Each input is a machine file: machine_parse_xml() must either load it
 * or fail with a message, never crash, leak or run away. A machine that
 * loads is also replayed with engine_new(), so the boot engine is fuzzed
 * through every valid machine the fuzzer reaches. The work per input is
 * bounded: inputs above FUZZ_MAX_BYTES are skipped (the loader's own cap
 * is 16 MiB), and so are engine runs of machines with more RAM than
 * fuzz_bound.h allows.
 * Built by tests/fuzz/build.sh; run by tests/fuzz/run.sh.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <libxml/parser.h>

#include "diag.h"
#include "engine.h"
#include "fuzz_bound.h"
#include "machine.h"
#include "machine_xml.h"

#define FUZZ_MAX_BYTES (256u << 10)

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libxml2's global state once, not on the first input. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	xmlInitParser();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct machine m;
	struct diag err;

	if (size > FUZZ_MAX_BYTES)
		return -1;	/* not added to the corpus */
	memset(&err, 0, sizeof(err));
	if (machine_parse_xml((const char *)data, size, "fuzz.xml", &m,
			      &err) == 0) {
		if (fuzz_engine_bounded(&m))
			engine_free(engine_new(&m, &err));
	} else if (err.msg[0] == '\0') {
		__builtin_trap();	/* a failure must say why */
	}
	machine_release(&m);
	return 0;
}
