# The build constants of the traced 7.2 kernel that differ from the 6.1
# build the machine files were made from; tests/oracle_qemu.sh applies
# these to each machines/qemu-*.xml (with sed -f) before it runs memboot.
# sizeof(pg_data_t), allocated exactly: NODE_DATA(0) allocated [mem 0x07fb4f80-0x07fdffff]
s/pglist-data-size="0x2b000"/pglist-data-size="0x2b080"/
# mem_section_usage per section: memblock_alloc_try_nid: 1408 bytes ... sparse_init_nid for 16 sections
s/usemap-size="56"/usemap-size="88"/
