# The build constants of the traced 5.10 kernel that differ from the 6.1
# build the machine files were made from; tests/oracle_qemu.sh applies
# these to each machines/qemu-*.xml (with sed -f) before it runs memboot.
# sizeof(pg_data_t), page-rounded: NODE_DATA(0) allocated [mem 0x07fb6000-0x07fdffff]
s/pglist-data-size="0x2b000"/pglist-data-size="0x2a000"/
# the real-mode trampoline: memblock_reserve: [0x...99000-0x...9efff] reserve_real_mode
s/trampoline-size="0x7000"/trampoline-size="0x6000"/
# built without CONFIG_X86_5LEVEL (its config): the brk's early page-table
# buffer is 12 pages, not 16, and the direct map takes 4 more from memblock
s/<build model="sparsemem-vmemmap"/<build model="sparsemem-vmemmap" config-5level="no"/
