# The build constants of the traced 6.12 kernel that differ from the 6.1
# build the machine files were made from; tests/oracle_qemu.sh applies
# these to each machines/qemu-*.xml (with sed -f) before it runs memboot.
# sizeof(pg_data_t), allocated exactly: NODE_DATA(0) allocated [mem 0x07fb5680-0x07fdffff]
s/pglist-data-size="0x2b000"/pglist-data-size="0x2a980"/
