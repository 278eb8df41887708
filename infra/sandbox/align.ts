// The two simulated systems must describe the same business: every Magento product exists as an M3 item
// (ITNO = sku, stock in every M3 warehouse). Real deployments get this from the product flow (M3 → Magento);
// the sandbox and the end-to-end tests seed it.
import type { M3Simulator, MagentoSimulatorLike } from './types';

export function alignCatalogues(m3: M3Simulator, magento: MagentoSimulatorLike, stockPerWarehouse = 10_000): number {
  const whlos = [...m3.state.warehouses.keys()];
  let n = 0;
  for (const p of magento.state.products.values()) {
    m3.state.putItem({
      STAT: '20',
      ITNO: p.sku,
      ITDS: p.name.slice(0, 30),
      FUDS: p.name.slice(0, 60),
      UNMS: 'PCS',
      ITTY: 'FIN',
      ITGR: 'WEB',
      ITCL: 'A',
      RESP: 'SANDBOX',
      NEWE: p.weight.toFixed(1),
      GRWE: p.weight.toFixed(1),
      LMDT: m3.state.today(),
      _PRICE: p.price.toFixed(2),
    });
    for (const whlo of whlos) {
      m3.state.balances.set(m3.state.balanceKey(whlo, p.sku), {
        WHLO: whlo,
        ITNO: p.sku,
        STQT: stockPerWarehouse,
        ALQT: 0,
        WHSL: 'A-01-01',
        BANO: '',
      });
    }
    n++;
  }
  return n;
}
