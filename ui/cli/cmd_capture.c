/*
 * cmd_capture.c - "memboot capture [-o FILE] [--root DIR]": a machine
 * description of the running host.
 *
 * The e820 table comes from /sys/firmware/memmap/N/{start,end,type} (the
 * firmware's map as the kernel received it); nodes from
 * /sys/devices/system/node/nodeN/cpulist and the memory blocks linked to
 * them (/sys/devices/system/memory/memoryN/nodeM, block_size_bytes),
 * written as an SRAT when there is more than one node; the command line
 * from /proc/cmdline, the version from /proc/sys/kernel/osrelease and,
 * when /proc/iomem shows real addresses (root), the kernel placement.
 * --root DIR (or MEMBOOT_SYSFS_ROOT) reads a copy of those files under
 * DIR instead, which is how the tests run it.
 */
#include "commands.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "e820.h"
#include "machine_write.h"
#include "machine_xml.h"
#include "text_file.h"
#include "xalloc.h"

#define SMALL_FILE 4096

struct capture {
	const char *root;
	struct machine m;
	size_t cap_e820, cap_mem, cap_cpu;
	uint32_t nr_nodes;
	struct diag err;
};

/* root + rel into buf. */
static void
path_of(const struct capture *c, char *buf, size_t len, const char *rel)
{
	snprintf(buf, len, "%s%s", c->root, rel);
}

/* A small text file, its first line without the newline; -1 on error. */
static int
read_small(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return -1;
	n = fread(buf, 1, len - 1, f);
	fclose(f);
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static bool
parse_hex(const char *s, uint64_t *out)
{
	char *end;

	errno = 0;
	*out = strtoull(s, &end, 16);
	return end != s && errno == 0 && (*end == '\0' || *end == '\n');
}

/* Is name "<prefix><digits>"? Its number in *nr. */
static bool
numbered(const char *name, const char *prefix, uint64_t *nr)
{
	size_t n = strlen(prefix);
	char *end;

	if (strncmp(name, prefix, n) != 0 || name[n] < '0' || name[n] > '9')
		return false;
	errno = 0;
	*nr = strtoull(name + n, &end, 10);
	return *end == '\0' && errno == 0;
}

static int
by_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The numbered entries "<prefix>N" of a directory, sorted; NULL on error. */
static uint64_t *
list_dir(const char *path, const char *prefix, size_t *nr)
{
	DIR *dir = opendir(path);
	struct dirent *de;
	uint64_t *v = NULL, n;
	size_t cap = 0;

	*nr = 0;
	if (!dir)
		return NULL;
	while ((de = readdir(dir)) != NULL) {
		if (!numbered(de->d_name, prefix, &n) || *nr >= 1u << 24)
			continue;
		xgrow((void **)&v, &cap, *nr + 1, sizeof(*v));
		v[(*nr)++] = n;
	}
	closedir(dir);
	if (*nr)
		qsort(v, *nr, sizeof(*v), by_u64);
	return v ? v : xcalloc(1, sizeof(*v));
}

static uint32_t
memmap_type(const char *s)
{
	for (size_t i = 0; i < e820_nr_types; i++)
		if (strcmp(s, e820_types[i].firmware) == 0)
			return e820_types[i].type;
	return E820_TYPE_RESERVED;	/* "reserved", "Unknown E820 type" */
}

/* One /sys/firmware/memmap/N directory. */
static int
memmap_entry(struct capture *c, const char *dir, uint64_t n)
{
	char path[1200], num[32], sv[SMALL_FILE], ev[SMALL_FILE], tv[SMALL_FILE];
	uint64_t start, end;
	struct machine *m = &c->m;

	snprintf(num, sizeof(num), "%" PRIu64, n);
	snprintf(path, sizeof(path), "%s/%s/start", dir, num);
	if (read_small(path, sv, sizeof(sv)))
		goto unreadable;
	snprintf(path, sizeof(path), "%s/%s/end", dir, num);
	if (read_small(path, ev, sizeof(ev)))
		goto unreadable;
	snprintf(path, sizeof(path), "%s/%s/type", dir, num);
	if (read_small(path, tv, sizeof(tv)))
		goto unreadable;
	if (!parse_hex(sv, &start) || !parse_hex(ev, &end) || end < start ||
	    end == UINT64_MAX) {
		diag_set(&c->err, NULL, 0, "%s/%s: start \"%s\" and end \"%s\" are not a range.",
			 dir, num, sv, ev);
		return -1;
	}
	if (m->nr_e820 >= MACHINE_MAX_E820)
		return 0;
	xgrow((void **)&m->e820, &c->cap_e820, m->nr_e820 + 1, sizeof(*m->e820));
	m->e820[m->nr_e820++] = (struct machine_e820){
		.addr = start, .size = end - start + 1, .type = memmap_type(tv) };
	return 0;
unreadable:
	diag_set(&c->err, NULL, 0, "cannot read '%s': %s", path, strerror(errno));
	return -1;
}

static int
read_memmap(struct capture *c)
{
	char dir[1024];
	size_t nr;
	uint64_t *v;
	int rc = 0;

	path_of(c, dir, sizeof(dir), "/sys/firmware/memmap");
	v = list_dir(dir, "", &nr);
	if (!v) {
		diag_set(&c->err, NULL, 0, "cannot read '%s': %s (the kernel "
			 "needs CONFIG_FIRMWARE_MEMMAP)", dir, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < nr && rc == 0; i++)
		rc = memmap_entry(c, dir, v[i]);
	free(v);
	if (rc == 0 && c->m.nr_e820 == 0) {
		diag_set(&c->err, NULL, 0, "'%s' has no entries.", dir);
		rc = -1;
	}
	return rc;
}

/* "0-3,8,10-11" into SRAT CPU entries of node (pxm) nid. */
static void
add_cpus(struct capture *c, uint32_t nid, const char *list)
{
	const char *s = list;
	struct machine *m = &c->m;

	while (*s) {
		char *end;
		unsigned long lo = strtoul(s, &end, 10), hi = lo;

		if (end == s)
			return;
		s = end;
		if (*s == '-') {
			hi = strtoul(s + 1, &end, 10);
			if (end == s + 1)
				return;
			s = end;
		}
		for (unsigned long cpu = lo; cpu <= hi && cpu <= UINT32_MAX &&
		     m->nr_srat_cpu < MACHINE_MAX_CPUS; cpu++) {
			xgrow((void **)&m->srat_cpu, &c->cap_cpu, m->nr_srat_cpu + 1,
			      sizeof(*m->srat_cpu));
			m->srat_cpu[m->nr_srat_cpu++] = (struct machine_srat_cpu){
				.pxm = nid, .apic_id = (uint32_t)cpu,
				.x2apic = cpu > 0xff, .enabled = true };
		}
		if (*s != ',')
			return;
		s++;
	}
}

static void
read_nodes(struct capture *c)
{
	char dir[1024], path[1200], buf[SMALL_FILE];
	size_t nr;
	uint64_t *v;

	path_of(c, dir, sizeof(dir), "/sys/devices/system/node");
	v = list_dir(dir, "node", &nr);
	if (!v)
		return;
	for (size_t i = 0; i < nr; i++) {
		if (v[i] >= MACHINE_MAX_NODES)
			continue;
		c->nr_nodes++;
		snprintf(path, sizeof(path), "%s/node%" PRIu64 "/cpulist", dir, v[i]);
		if (read_small(path, buf, sizeof(buf)) == 0)
			add_cpus(c, (uint32_t)v[i], buf);
	}
	free(v);
}

/* The node memory block dir/memoryN belongs to (its nodeM entry), or -1. */
static int64_t
block_node(const char *dir, uint64_t n)
{
	char path[1200];
	size_t nr;
	uint64_t *v;
	int64_t node = -1;

	snprintf(path, sizeof(path), "%s/memory%" PRIu64, dir, n);
	v = list_dir(path, "node", &nr);
	if (v && nr && v[0] < MACHINE_MAX_NODES)
		node = (int64_t)v[0];
	free(v);
	return node;
}

/* Consecutive blocks of one node as SRAT memory ranges. */
static void
add_block_ranges(struct capture *c, const uint64_t *nrs, const int64_t *nodes,
		 size_t n, uint64_t bs)
{
	struct machine *m = &c->m;

	for (size_t i = 0; i < n && m->nr_srat_mem < MACHINE_MAX_SRAT; ) {
		size_t j = i + 1;

		while (j < n && nodes[j] == nodes[i] && nrs[j] == nrs[j - 1] + 1)
			j++;
		if (nodes[i] >= 0 && nrs[i] <= UINT64_MAX / bs - (j - i)) {
			xgrow((void **)&m->srat_mem, &c->cap_mem, m->nr_srat_mem + 1,
			      sizeof(*m->srat_mem));
			m->srat_mem[m->nr_srat_mem++] = (struct machine_srat_mem){
				.pxm = (uint32_t)nodes[i], .base = nrs[i] * bs,
				.length = (j - i) * bs, .enabled = true };
		}
		i = j;
	}
}

static void
read_blocks(struct capture *c)
{
	char dir[1024], path[1200], buf[SMALL_FILE];
	uint64_t bs, *v;
	int64_t *nodes;
	size_t nr;

	path_of(c, dir, sizeof(dir), "/sys/devices/system/memory");
	snprintf(path, sizeof(path), "%s/block_size_bytes", dir);
	if (read_small(path, buf, sizeof(buf)) || !parse_hex(buf, &bs) || !bs ||
	    (bs & (bs - 1)))
		return;
	v = list_dir(dir, "memory", &nr);
	if (!v)
		return;
	nodes = xcalloc(nr + 1, sizeof(*nodes));
	for (size_t i = 0; i < nr; i++)
		nodes[i] = block_node(dir, v[i]);
	add_block_ranges(c, v, nodes, nr, bs);
	free(nodes);
	free(v);
}

/* "  01000000-01e0254f : Kernel code" lines give the kernel image. */
static void
read_iomem(struct capture *c)
{
	char path[1024], line[512];
	uint64_t text = 0, end = 0;
	FILE *f;

	path_of(c, path, sizeof(path), "/proc/iomem");
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *s = line + strspn(line, " "), *dash, *colon;
		uint64_t a, b;

		dash = strchr(s, '-');
		colon = strstr(s, " : ");
		if (!dash || !colon || dash > colon)
			continue;
		*dash = *colon = '\0';
		if (!parse_hex(s, &a) || !parse_hex(dash + 1, &b))
			continue;
		if (strncmp(colon + 3, "Kernel code", 11) == 0 && !text)
			text = a;
		if (strncmp(colon + 3, "Kernel bss", 10) == 0)
			end = b;
	}
	fclose(f);
	if (text && end > text && end - text < (UINT64_C(1) << 32)) {
		c->m.kernel.text = text;
		c->m.kernel.reserve_size = end + 1 - text;
	}
}

static void
read_proc(struct capture *c)
{
	char path[1024], buf[SMALL_FILE];

	path_of(c, path, sizeof(path), "/proc/cmdline");
	if (read_small(path, buf, sizeof(buf)) == 0) {
		size_t n = strnlen(buf, sizeof(c->m.cmdline) - 1);

		memcpy(c->m.cmdline, buf, n);
		c->m.cmdline[n] = '\0';
	}
	path_of(c, path, sizeof(path), "/proc/sys/kernel/osrelease");
	if (read_small(path, buf, sizeof(buf)) == 0 && buf[0] &&
	    !strpbrk(buf, " \t"))
		c->m.kernel_version = xstrdup(buf);
	read_iomem(c);
}

static int
capture(struct capture *c)
{
	char desc[400];

	machine_init_defaults(&c->m);
	c->m.name = xstrdup("capture");
	if (read_memmap(c))
		return -1;
	read_nodes(c);
	if (c->nr_nodes > 1)
		read_blocks(c);
	c->m.has_srat = c->nr_nodes > 1 && c->m.nr_srat_mem > 0;
	if (!c->m.has_srat) {
		c->m.nr_srat_cpu = 0;
		c->m.nr_srat_mem = 0;
	}
	read_proc(c);
	machine_fit_phys_limit(&c->m);
	snprintf(desc, sizeof(desc), "Captured by memboot capture from %s/sys/firmware/memmap "
		 "(Linux %s, %u NUMA node%s).", c->root,
		 c->m.kernel_version ? c->m.kernel_version : "?", c->nr_nodes,
		 c->nr_nodes == 1 ? "" : "s");
	c->m.description = xstrdup(desc);
	return 0;
}

static int
capture_to(const char *root, const char *out)
{
	struct capture c = { .root = root };
	struct machine back;
	char *xml = NULL;
	size_t len;
	int rc = 2;

	if (capture(&c)) {
		command_fail("capture", &c.err);
		goto out;
	}
	xml = machine_write_xml(&c.m, &len);
	if (machine_parse_xml(xml, len, "(captured machine)", &back, &c.err))
		command_fail("capture", &c.err);
	else if (text_file_write(out, xml, len, &c.err))
		command_fail("capture", &c.err);
	else
		rc = 0;
	machine_release(&back);
out:
	free(xml);
	machine_release(&c.m);
	return rc;
}

int
cmd_capture(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "root", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out = NULL, *root = getenv("MEMBOOT_SYSFS_ROOT");
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o': out = optarg; break;
		case 'r': root = optarg; break;
		case 'h': return CMD_HELP;
		default: return CMD_USAGE;
		}
	}
	if (argc != optind)
		return CMD_USAGE;
	if (!root || strcmp(root, "/") == 0)
		root = "";
	return capture_to(root, out);
}
