/* MMU services (ref §2, §5). The runtime keeps the MMU off, so mappings made here are never
 * used: the tests exercise the argument checks and the bookkeeping only. */
#include "conf.h"

static struct hv_tsb_descr descr[3] CONF_ALIGNED(64);
static struct hv_tsb_descr readback[2] CONF_ALIGNED(64);
static uint8_t tsb[512 * 16] CONF_ALIGNED(8192);
static uint8_t fault_area[128] CONF_ALIGNED(64);

#define TEST_VA 0x40000000UL

static uint64_t tte(uint64_t ra, uint64_t size)
{
	return TTE_V | ra | TTE_CP | TTE_CV | TTE_P | TTE_W | size;
}

static void good_descr(struct hv_tsb_descr *d)
{
	memset(d, 0, sizeof *d);
	d->pgsz_idx = 0;
	d->assoc = 1;
	d->num_ttes = 512;
	d->ctx_idx = 0;
	d->pgsz_mask = 1;
	d->base_ra = (uint64_t)tsb;
}

static void tsbs(void)
{
	uint64_t n = 99;
	uint64_t d = (uint64_t)descr;

	conf_section("mmu_tsb_ctx0, mmu_tsb_ctxnon0 and their _info (ref §5)");
	conf_status("mmu_tsb_ctx0_info(2, buf), none configured", hv_mmu_tsb_ctx0_info(2, (uint64_t)readback, &n), HV_EOK);
	conf_value("mmu_tsb_ctx0_info: 0 TSBs", n, 0);
	good_descr(&descr[0]);
	if (conf_status("mmu_tsb_ctx0(1, good descriptor)", hv_mmu_tsb_ctx0(1, d), HV_EOK) &&
	    conf_status("mmu_tsb_ctx0_info(2, buf)", hv_mmu_tsb_ctx0_info(2, (uint64_t)readback, &n), HV_EOK)) {
		conf_value("mmu_tsb_ctx0_info: 1 TSB", n, 1);
		conf_true("mmu_tsb_ctx0_info: the descriptor reads back",
			  memcmp(&readback[0], &descr[0], sizeof descr[0]) == 0, "differs");
		conf_status("mmu_tsb_ctx0_info(0, buf): buffer too small [T1 HV]",
			    hv_mmu_tsb_ctx0_info(0, (uint64_t)readback, &n), HV_EINVAL);
	}
	good_descr(&descr[1]);
	good_descr(&descr[2]);
	conf_status("mmu_tsb_ctx0(3, ...): the T1 takes at most 2", hv_mmu_tsb_ctx0(3, d), HV_EINVAL);
	conf_status("mmu_tsb_ctx0(1, descriptor + 4) misaligned", hv_mmu_tsb_ctx0(1, d + 4), HV_EBADALIGN);
	conf_status("mmu_tsb_ctx0(1, past memory)", hv_mmu_tsb_ctx0(1, env.bad_ra), HV_ENORADDR);
	descr[0].assoc = 2;
	conf_status("mmu_tsb_ctx0: associativity 2", hv_mmu_tsb_ctx0(1, d), HV_EBADTSB);
	good_descr(&descr[0]);
	descr[0].num_ttes = 100;
	conf_status("mmu_tsb_ctx0: 100 entries (not a power of 2)", hv_mmu_tsb_ctx0(1, d), HV_EBADTSB);
	good_descr(&descr[0]);
	descr[0].num_ttes = 256;
	conf_status("mmu_tsb_ctx0: 256 entries (below 512)", hv_mmu_tsb_ctx0(1, d), HV_EBADTSB);
	good_descr(&descr[0]);
	descr[0].pgsz_idx = 8;
	descr[0].pgsz_mask = 1u << 8;
	conf_status("mmu_tsb_ctx0: page size index 8 (none)", hv_mmu_tsb_ctx0(1, d), HV_EBADPGSZ);
	good_descr(&descr[0]);
	descr[0].ctx_idx = 5;
	conf_status("mmu_tsb_ctx0: context index 5", hv_mmu_tsb_ctx0(1, d), HV_EINVAL);
	good_descr(&descr[0]);
	descr[0].base_ra = env.bad_ra;
	conf_status("mmu_tsb_ctx0: TSB base past memory", hv_mmu_tsb_ctx0(1, d), HV_ENORADDR);
	good_descr(&descr[0]);
	conf_status("mmu_tsb_ctx0(0, 0) clears", hv_mmu_tsb_ctx0(0, 0), HV_EOK);
	conf_status("mmu_tsb_ctxnon0(1, good descriptor)", hv_mmu_tsb_ctxnon0(1, d), HV_EOK);
	if (conf_status("mmu_tsb_ctxnon0_info(2, buf)", hv_mmu_tsb_ctxnon0_info(2, (uint64_t)readback, &n), HV_EOK))
		conf_value("mmu_tsb_ctxnon0_info: 1 TSB", n, 1);
	conf_status("mmu_tsb_ctxnon0(3, ...)", hv_mmu_tsb_ctxnon0(3, d), HV_EINVAL);
	conf_status("mmu_tsb_ctxnon0(0, 0) clears", hv_mmu_tsb_ctxnon0(0, 0), HV_EOK);
}

static void mappings(void)
{
	uint64_t ra = (uint64_t)rt_trap_table;     /* an 8 KB page of the image */

	conf_section("mmu_map_perm_addr, mmu_unmap_perm_addr (ref §5)");
	conf_status("mmu_map_perm_addr(va, 0, tte, D|I)", hv_mmu_map_perm_addr(TEST_VA, 0, tte(ra, TTE_SZ_8K), HV_MMU_ALL),
		    HV_EOK);
	conf_status("mmu_unmap_perm_addr(va, 0, D|I)", hv_mmu_unmap_perm_addr(TEST_VA, 0, HV_MMU_ALL), HV_EOK);
	conf_status("mmu_unmap_perm_addr of nothing mapped", hv_mmu_unmap_perm_addr(TEST_VA, 0, HV_MMU_ALL), HV_ENOMAP);
	conf_status("mmu_map_perm_addr, context 1", hv_mmu_map_perm_addr(TEST_VA, 1, tte(ra, TTE_SZ_8K), HV_MMU_ALL),
		    HV_EINVAL);
	conf_status("mmu_map_perm_addr, va not page aligned",
		    hv_mmu_map_perm_addr(TEST_VA + 0x100, 0, tte(ra, TTE_SZ_8K), HV_MMU_ALL), HV_EINVAL);
	conf_status("mmu_map_perm_addr, TTE not valid",
		    hv_mmu_map_perm_addr(TEST_VA, 0, tte(ra, TTE_SZ_8K) & ~TTE_V, HV_MMU_ALL), HV_EINVAL);
	conf_status("mmu_map_perm_addr, flags 0", hv_mmu_map_perm_addr(TEST_VA, 0, tte(ra, TTE_SZ_8K), 0), HV_EINVAL);
	conf_status("mmu_map_perm_addr, 512 KB page (not on T1)",
		    hv_mmu_map_perm_addr(TEST_VA, 0, tte(ra, 2), HV_MMU_ALL), HV_EBADPGSZ);
	conf_status("mmu_map_perm_addr, RA past memory",
		    hv_mmu_map_perm_addr(TEST_VA, 0, tte(env.bad_ra, TTE_SZ_8K), HV_MMU_ALL), HV_ENORADDR);
	int ok = 1;
	for (uint64_t i = 0; i < 8; i++)
		ok &= hv_mmu_map_perm_addr(TEST_VA + i * 0x2000, 0, tte(ra, TTE_SZ_8K), HV_MMU_DMMU) == HV_EOK;
	conf_true("mmu_map_perm_addr: 8 mappings fit", ok, "a map failed");
	conf_status("mmu_map_perm_addr: a 9th", hv_mmu_map_perm_addr(TEST_VA + 8 * 0x2000, 0, tte(ra, TTE_SZ_8K),
		    HV_MMU_DMMU), HV_ETOOMANY);
	ok = 1;
	for (uint64_t i = 0; i < 8; i++)
		ok &= hv_mmu_unmap_perm_addr(TEST_VA + i * 0x2000, 0, HV_MMU_DMMU) == HV_EOK;
	conf_true("mmu_unmap_perm_addr of all 8", ok, "an unmap failed");

	conf_section("mmu_map_addr (ta 0x83), mmu_unmap_addr (ta 0x84), demaps (ref §5)");
	conf_status("mmu_map_addr(va, 0, tte, D)", hv_mmu_map_addr(TEST_VA, 0, tte(ra, TTE_SZ_8K), HV_MMU_DMMU), HV_EOK);
	conf_status("mmu_map_addr, 512 KB page", hv_mmu_map_addr(TEST_VA, 0, tte(ra, 2), HV_MMU_DMMU), HV_EBADPGSZ);
	conf_status("mmu_map_addr, RA past memory",
		    hv_mmu_map_addr(TEST_VA, 0, tte(env.bad_ra, TTE_SZ_8K), HV_MMU_DMMU), HV_ENORADDR);
	conf_status("mmu_unmap_addr(va, 0, D)", hv_mmu_unmap_addr(TEST_VA, 0, HV_MMU_DMMU), HV_EOK);
	conf_status("mmu_demap_page(0, 0, va, 0, D|I)", hv_mmu_demap_page(0, 0, TEST_VA, 0, HV_MMU_ALL), HV_EOK);
	conf_status("mmu_demap_page with a cpu list", hv_mmu_demap_page(1, 0, TEST_VA, 0, HV_MMU_ALL), HV_ENOTSUPPORTED);
	conf_status("mmu_demap_ctx(0, 0, 0, D|I)", hv_mmu_demap_ctx(0, 0, 0, HV_MMU_ALL), HV_EOK);
	conf_status("mmu_demap_ctx with a cpu list", hv_mmu_demap_ctx(0, 1, 0, HV_MMU_ALL), HV_ENOTSUPPORTED);
	conf_status("mmu_demap_all(0, 0, D|I)", hv_mmu_demap_all(0, 0, HV_MMU_ALL), HV_EOK);
	conf_status("mmu_demap_all with a cpu list", hv_mmu_demap_all(1, 1, HV_MMU_ALL), HV_ENOTSUPPORTED);
}

/* Without MMU services every MMU call, ta 0x83/0x84 included, is an unknown function. */
static void not_offered(void)
{
	uint64_t v = 0, ra = (uint64_t)rt_trap_table;

	conf_section("MMU services: not offered by this machine, so EBADTRAP (ref §1)");
	good_descr(&descr[0]);
	conf_status("mmu_tsb_ctx0", hv_mmu_tsb_ctx0(1, (uint64_t)descr), HV_EBADTRAP);
	conf_status("mmu_tsb_ctxnon0", hv_mmu_tsb_ctxnon0(1, (uint64_t)descr), HV_EBADTRAP);
	conf_status("mmu_tsb_ctx0_info", hv_mmu_tsb_ctx0_info(2, (uint64_t)readback, &v), HV_EBADTRAP);
	conf_status("mmu_tsb_ctxnon0_info", hv_mmu_tsb_ctxnon0_info(2, (uint64_t)readback, &v), HV_EBADTRAP);
	conf_status("mmu_demap_page", hv_mmu_demap_page(0, 0, TEST_VA, 0, HV_MMU_ALL), HV_EBADTRAP);
	conf_status("mmu_demap_ctx", hv_mmu_demap_ctx(0, 0, 0, HV_MMU_ALL), HV_EBADTRAP);
	conf_status("mmu_demap_all", hv_mmu_demap_all(0, 0, HV_MMU_ALL), HV_EBADTRAP);
	conf_status("mmu_map_perm_addr", hv_mmu_map_perm_addr(TEST_VA, 0, tte(ra, TTE_SZ_8K), HV_MMU_DMMU), HV_EBADTRAP);
	conf_status("mmu_unmap_perm_addr", hv_mmu_unmap_perm_addr(TEST_VA, 0, HV_MMU_DMMU), HV_EBADTRAP);
	conf_status("mmu_fault_area_conf", hv_mmu_fault_area_conf((uint64_t)fault_area, &v), HV_EBADTRAP);
	conf_status("mmu_fault_area_info", hv_mmu_fault_area_info(&v), HV_EBADTRAP);
	conf_status("mmu_enable(1, misaligned target)", hv_mmu_enable(1, ra + 2), HV_EBADTRAP);
	conf_status("mmu_map_addr (ta 0x83)", hv_mmu_map_addr(TEST_VA, 0, tte(ra, TTE_SZ_8K), HV_MMU_DMMU), HV_EBADTRAP);
	conf_status("mmu_unmap_addr (ta 0x84)", hv_mmu_unmap_addr(TEST_VA, 0, HV_MMU_DMMU), HV_EBADTRAP);
}

void conf_mmu(void)
{
	if (!CONF_MMU_SERVICES) {
		not_offered();
		return;
	}

	uint64_t ra = 99, old = 99;
	uint64_t mine = rt_self()->fault_area, other = (uint64_t)fault_area;

	tsbs();
	mappings();

	conf_section("mmu_fault_area_conf, mmu_fault_area_info (ref §5)");
	if (conf_status("mmu_fault_area_info", hv_mmu_fault_area_info(&ra), HV_EOK))
		conf_value("mmu_fault_area_info: the runtime's area", ra, mine);
	conf_status("mmu_fault_area_conf(area + 8) misaligned", hv_mmu_fault_area_conf(other + 8, &old), HV_EBADALIGN);
	conf_status("mmu_fault_area_conf(past memory)", hv_mmu_fault_area_conf(env.bad_ra, &old), HV_ENORADDR);
	conf_status("mmu_fault_area_conf(another area)", hv_mmu_fault_area_conf(other, &old), HV_EOK);
	conf_value("mmu_fault_area_conf returns the old area", old, mine);
	if (conf_status("mmu_fault_area_info", hv_mmu_fault_area_info(&ra), HV_EOK))
		conf_value("mmu_fault_area_info: the new area", ra, other);
	conf_status("mmu_fault_area_conf(the runtime's area)", hv_mmu_fault_area_conf(mine, &old), HV_EOK);

	conf_section("mmu_enable (ref §5)");
	uint64_t target = (uint64_t)rt_trap_table;
	conf_status("mmu_enable(0, target): already off", hv_mmu_enable(0, target), HV_EINVAL);
	conf_status("mmu_enable(1, target + 2): misaligned", hv_mmu_enable(1, target + 2), HV_EBADALIGN);
}
