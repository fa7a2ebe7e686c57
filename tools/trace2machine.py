#!/usr/bin/env python3
"""trace2machine.py - turn a memblock=debug boot trace into a machine file.

Usage: trace2machine.py TRACE.log [NAME] > machines/NAME.xml

TRACE.log is the serial console of a Linux x86_64 boot with
"memblock=debug" (tests/data/qemu-<version>/: 5.10, 6.1, 6.12 and 7.x, whose
e820 names, __memblock_reserve and memblock_free forms it reads too). The output carries the
firmware's view (BIOS-e820 table, SRAT memory and CPU lines), the command
line, the kernel placement and "Memory:" line sizes, and the memblock
operations that memboot replays because it does not derive them. What the
engine derives itself (the early reservations, e820 -> memblock, the
real-mode trampoline, the direct-map probe, NODE_DATA, sparse_init, the
large system hashes, and the reservation each allocation prints) is left
out. Python 3 standard library only.
"""

import os
import re
import sys
from xml.sax.saxutils import escape, quoteattr

TIMESTAMP = re.compile(r"\[\s*\d+\.\d+\] ?")
E820 = re.compile(r"BIOS-e820: \[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\] (.+)$")
SRAT_CPU = re.compile(r"^SRAT: PXM (\d+) -> APIC 0x([0-9a-f]+) -> Node \d+$")
SRAT_MEM = re.compile(r"^ACPI: SRAT: Node \d+ PXM (\d+) "
                      r"\[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\]"
                      r"( hotplug)?( non-volatile)?$")
RANGE_OP = re.compile(r"^(_*memblock_\w+): \[0x([0-9a-f]+)-0x([0-9a-f]+)\]"
                      r"(?: nid=-?\d+ flags=[0-9a-f]+)? (\S+)$")
ALLOC_OP = re.compile(r"^(memblock_\w+): (\d+) bytes align=0x([0-9a-f]+)"
                      r"(?: nid=(-?\d+))? from=0x([0-9a-f]+) "
                      r"max_addr=0x([0-9a-f]+) (\S+)$")
DUMP_RESERVED = re.compile(r"^ reserved\[0x[0-9a-f]+\]\s+"
                           r"\[0x([0-9a-f]+)-0x([0-9a-f]+)\]")
MEMORY_LINE = re.compile(r"^Memory: \d+K/\d+K available \((\d+)K kernel code, "
                         r"(\d+)K rwdata, (\d+)K rodata, (\d+)K init, "
                         r"(\d+)K bss")

E820_TYPES = {
    "usable": "usable",
    "reserved": "reserved",
    "ACPI data": "acpi",
    "ACPI NVS": "nvs",
    "unusable": "unusable",
    "persistent (type 7)": "pmem",
    "persistent (type 12)": "pram",
    "soft reserved": "soft_reserved",
    # 7.x
    "System RAM": "usable",
    "device reserved": "reserved",
    "persistent RAM (type 7)": "pmem",
    "persistent RAM (type 12)": "pram",
}

RANGE_KINDS = {
    "memblock_add": "add",
    "memblock_remove": "remove",
    "memblock_reserve": "reserve",
    "__memblock_reserve": "reserve",   # 6.16+
    "memblock_phys_free": "free",
    "memblock_free": "free",           # before 5.16
}

# Callers whose memblock calls the engine makes itself.
DERIVED = {
    "setup_arch",               # reserve_brk, memblock_reserve(0, 1M)
    "e820__memblock_setup",
    "reserve_real_mode",
    "init_mem_mapping",         # the 2 MiB probe and its free
    "alloc_low_pages",          # the direct map's page tables
    "memblock_alloc_range_nid", # the reservation every allocation prints
    "sparse_init",
    "sparse_index_alloc",
    "sparse_init_nid",
    "vmemmap_alloc_block_zero",
    "vmemmap_populate",
    "vmemmap_populate_hugepages",  # 7.x
    "alloc_large_system_hash",
}

# Lines that move the trace from one hook to the next, in boot order.
STAGES = [
    ("setup_arch", None),
    ("init_mem_mapping", lambda l: "e820__memblock_setup+" in l),
    ("acpi_table_init", lambda l: l.startswith("ACPI: Early table")
     or "acpi_reserve_initial_tables+" in l),
    ("numa", lambda l: l.startswith("NODE_DATA(")),
    ("after_numa", lambda l: l.startswith("MEMBLOCK configuration:")),
    # 7.x allocates the section roots through __memblock_alloc_or_panic
    ("sparse", lambda l: "sparse_init+" in l or "sparse_index_alloc+" in l),
    ("after_paging_init", lambda l: l.startswith("Initmem setup node")),
    ("start_kernel", lambda l: l.startswith("setup_percpu:")
     or re.search(r" (start_kernel|pcpu_\w+)\+0x", l) is not None),
    # from 6.4 the early hash tables come first, the zonelists in mm_core_init
    ("mm_init", lambda l: re.match(r"Built \d+ zonelists", l) is not None
     or l.startswith("Dentry cache hash table entries")),
]


def function(caller):
    """'vmemmap_alloc_block_zero.constprop.0+0xc/0x28' -> the bare name."""
    return re.split(r"[+.]", caller, maxsplit=1)[0]


def hexa(v):
    return "0x%x" % v


def strip(line):
    """The kernel message without its timestamp, or None."""
    m = TIMESTAMP.search(line)
    return line[m.end():].rstrip("\r\n") if m else None


class Trace:
    def __init__(self, lines):
        self.lines = [l for l in map(strip, lines) if l is not None]
        self.version = None
        self.dmi = None
        self.cmdline = ""
        self.max_physmem_bits = 46
        self.e820 = []
        self.srat_cpu = []
        self.srat_mem = []
        self.sizes = None
        self.text = self.reserve_size = self.brk_size = None
        self.trampoline = None
        self.node_data_size = None
        self.ops = []
        self.scan()

    def scan(self):
        stage = 0
        first_dump = None
        in_dump = False
        brk = None
        for l in self.lines:
            if l.startswith("Memory:"):
                m = MEMORY_LINE.match(l)
                self.sizes = m.groups() if m else None
                break
            self.scan_info(l)
            while (stage + 1 < len(STAGES) and STAGES[stage + 1][1](l)):
                stage += 1
                if STAGES[stage][0] == "sparse":
                    self.drop_section_roots()
            if l.startswith("MEMBLOCK configuration:"):
                in_dump = first_dump is None
                first_dump = first_dump or []
                continue
            m = DUMP_RESERVED.match(l)
            if m and in_dump:
                first_dump.append((int(m[1], 16), int(m[2], 16)))
                continue
            in_dump = in_dump and l.startswith(" ")
            m = RANGE_OP.match(l)
            if m and brk is None and m[1].lstrip("_") == "memblock_reserve" \
                    and function(m[4]) == "setup_arch":
                brk = (int(m[2], 16), int(m[3], 16))
            self.scan_op(l, STAGES[stage][0])
        self.place_kernel(first_dump or [], brk)

    def scan_info(self, l):
        if l.startswith("Linux version "):
            m = re.match(r"Linux version (\d+\.\d+)", l)
            self.version = m[1] if m else None
        elif l.startswith("DMI: "):
            self.dmi = l[5:]
        elif l.startswith("Command line: "):
            self.cmdline = l[len("Command line: "):]
        elif "max_arch_pfn = " in l:
            pfn = int(l.split("max_arch_pfn = ")[1], 16)
            self.max_physmem_bits = pfn.bit_length() - 1 + 12
        elif l.startswith("NODE_DATA(") and self.node_data_size is None:
            m = re.search(r"\[mem 0x([0-9a-f]+)-0x([0-9a-f]+)\]", l)
            self.node_data_size = int(m[2], 16) - int(m[1], 16) + 1
        m = E820.search(l)
        if m and l.startswith("BIOS-e820"):
            kind = E820_TYPES.get(m[3].strip())
            if kind is None:
                kind = m[3].split()[-1].rstrip(")")
            self.e820.append((int(m[1], 16), int(m[2], 16), kind))
        m = SRAT_CPU.match(l)
        if m:
            self.srat_cpu.append((int(m[1]), m[2]))
        m = SRAT_MEM.match(l)
        if m:
            self.srat_mem.append((int(m[1]), int(m[2], 16), int(m[3], 16),
                                  bool(m[4]), bool(m[5])))

    def scan_op(self, l, hook):
        m = ALLOC_OP.match(l)
        if m:
            api, size, align, nid, lo, hi, caller = m.groups()
            if function(caller) == "reserve_real_mode":
                self.trampoline = int(size)
            if function(caller) in DERIVED or hook in ("numa", "sparse"):
                return
            self.ops.append((hook, "alloc", dict(
                size=size, align=hexa(int(align, 16)),
                min_addr=int(lo, 16), max_addr=int(hi, 16),
                nid=int(nid) if nid else -1, api=api, caller=caller)))
            return
        m = RANGE_OP.match(l)
        if not m or m[1] not in RANGE_KINDS:
            return
        if function(m[4]) == "reserve_real_mode" and self.trampoline is None \
                and int(m[2], 16) != 0:
            # before 5.12 the trampoline is found and reserved, not allocated
            self.trampoline = int(m[3], 16) - int(m[2], 16) + 1
        if function(m[4]) in DERIVED or hook in ("numa", "sparse"):
            return
        self.ops.append((hook, RANGE_KINDS[m[1]], dict(
            start=int(m[2], 16), end=int(m[3], 16), caller=m[4])))

    def drop_section_roots(self):
        """7.x: the mem_section roots, allocated just before the sparse
        stage is seen, are sparse_init's own (the engine makes them)."""
        roots = (1 << (self.max_physmem_bits - 27)) // (4096 // 16) * 8
        if self.ops and self.ops[-1][1] == "alloc" \
                and function(self.ops[-1][2]["caller"]) == "__memblock_alloc_or_panic" \
                and int(self.ops[-1][2]["size"]) == roots:
            self.ops.pop()

    def place_kernel(self, reserved, brk):
        """The dump region holding the brk reservation is [_text, brk end)."""
        if brk is None:
            return
        for base, last in reserved:
            if base <= brk[0] and brk[1] <= last:
                self.text = base
                self.reserve_size = brk[0] - base
                self.brk_size = brk[1] - brk[0] + 1


def qemu_args(trace_path):
    """The QEMU memory arguments from the README table next to the trace."""
    readme = os.path.join(os.path.dirname(trace_path), "README.md")
    name = os.path.basename(trace_path)
    try:
        with open(readme, encoding="utf-8") as f:
            for row in f:
                cells = [c.strip() for c in row.strip().strip("|").split("|")]
                if len(cells) == 2 and cells[0] == name:
                    return cells[1].replace("`", "")
    except OSError:
        pass
    return None


def attrs(pairs):
    return " ".join("%s=%s" % (k, quoteattr(str(v))) for k, v in pairs)


def op_xml(kind, f):
    if kind != "alloc":
        pairs = [("start", hexa(f["start"])), ("end", hexa(f["end"]))]
    else:
        pairs = [("size", f["size"]), ("align", f["align"])]
        if f["min_addr"]:
            pairs.append(("min-addr", hexa(f["min_addr"])))
        if f["max_addr"]:
            pairs.append(("max-addr", hexa(f["max_addr"])))
        if f["nid"] != -1:
            pairs.append(("nid", f["nid"]))
        if f["api"] != "memblock_alloc_try_nid":
            pairs.append(("api", f["api"]))
    pairs.append(("caller", f["caller"]))
    return "<%s %s/>" % (kind, attrs(pairs))


def description(t, trace_path):
    args = qemu_args(trace_path)
    what = "QEMU %s" % args if args else "A QEMU guest"
    text = ("%s, booting Debian's 6.1 cloud kernel with memblock=debug. "
            "Generated by tools/trace2machine.py from %s; the memblock "
            "operations below are the ones the engine does not derive "
            "itself, replayed at the point of the boot where they happened."
            % (what, os.path.basename(trace_path)))
    if t.dmi:
        text += " DMI: %s." % t.dmi
    return text


def emit(t, name, trace_path, out):
    w = out.write
    w('<?xml version="1.0" encoding="UTF-8"?>\n')
    w("<!-- generated by tools/trace2machine.py; do not edit by hand -->\n")
    w("<machine name=%s>\n" % quoteattr(name))
    w("  <description>%s</description>\n" % escape(description(t, trace_path)))
    w("  <kernel-version>%s</kernel-version>\n" % escape(t.version or "6.1"))
    w("  <cmdline>%s</cmdline>\n" % escape(t.cmdline))
    build = [("model", "sparsemem-vmemmap"), ("page-shift", 12),
             ("section-size-bits", 27),
             ("max-physmem-bits", t.max_physmem_bits), ("max-order", 11),
             ("pageblock-order", 9), ("struct-page-size", 64),
             ("mem-section-size", 16), ("usemap-size", 56),
             ("pglist-data-size", hexa(t.node_data_size or 0x2b000)),
             ("nodes-shift", 10), ("numa", "yes"),
             ("deferred-struct-page-init", "yes"),
             ("memory-hotremove", "yes"), ("zone-dma", "yes"),
             ("zone-dma32", "yes"), ("zone-device", "yes"),
             ("x86-32", "no"), ("migrate-types", 5),
             ("internode-cache-shift", 6)]
    w("  <build %s/>\n" % "\n         ".join(
        "%s=%s" % (k, quoteattr(str(v))) for k, v in build))
    if t.text is not None:
        kern = [("text", hexa(t.text)), ("reserve-size", hexa(t.reserve_size)),
                ("brk-size", hexa(t.brk_size))]
        if t.trampoline:
            kern.append(("trampoline-size", hexa(t.trampoline)))
        w("  <kernel %s>\n" % attrs(kern))
        if t.sizes:
            keys = ("code", "rwdata", "rodata", "init", "bss")
            w("    <sizes %s/>\n" % attrs(
                (k, v + "K") for k, v in zip(keys, t.sizes)))
        w("  </kernel>\n")
    w('  <bios basemem="639K" ebda="0x9fc00" reserve-regions="yes"/>\n')
    w("  <e820>\n")
    for start, end, kind in t.e820:
        w("    <entry %s/>\n" % attrs([("start", hexa(start)),
                                       ("end", hexa(end)), ("type", kind)]))
    w("  </e820>\n")
    if t.srat_cpu or t.srat_mem:
        w("  <srat>\n")
        for pxm, apic in t.srat_cpu:
            pairs = [("pxm", pxm), ("apic-id", hexa(int(apic, 16)))]
            if len(apic) > 2:
                pairs.append(("x2apic", "yes"))
            w("    <cpu %s/>\n" % attrs(pairs))
        for pxm, start, end, hotplug, nv in t.srat_mem:
            pairs = [("pxm", pxm), ("start", hexa(start)), ("end", hexa(end))]
            if hotplug:
                pairs.append(("hotplug", "yes"))
            if nv:
                pairs.append(("nonvolatile", "yes"))
            w("    <memory %s/>\n" % attrs(pairs))
        w("  </srat>\n")
    w("  <memblock>\n")
    hook = None
    for op_hook, kind, fields in t.ops:
        if op_hook != hook:
            if hook is not None:
                w("    </at>\n")
            w('    <at hook="%s">\n' % op_hook)
            hook = op_hook
        w("      %s\n" % op_xml(kind, fields))
    if hook is not None:
        w("    </at>\n")
    w("  </memblock>\n")
    w("</machine>\n")


def main(argv):
    if len(argv) not in (2, 3) or argv[1] in ("-h", "--help"):
        sys.stderr.write("usage: trace2machine.py TRACE.log [NAME]\n")
        return 2
    path = argv[1]
    name = argv[2] if len(argv) == 3 else \
        "qemu-" + os.path.splitext(os.path.basename(path))[0]
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            t = Trace(f)
    except OSError as e:
        sys.stderr.write("trace2machine.py: cannot open '%s': %s\n"
                         % (path, e.strerror))
        return 2
    if not t.e820:
        sys.stderr.write("trace2machine.py: '%s' has no BIOS-e820 lines\n"
                         % path)
        return 2
    emit(t, name, path, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
