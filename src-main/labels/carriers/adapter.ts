// A carrier (or aggregator) e-waybill API, as the core sees it. Implementations live beside this
// file; tests point them at a local HTTP peer that speaks the documented bytes.

export interface WaybillParty {
  name: string;
  phone: string;
  /** Full printable address (province city district street). */
  address: string;
  company?: string;
}

export interface CarrierWaybillRequest {
  /** The shop's reference sent to the carrier, e.g. the parcel id. */
  reference: string;
  carrier: string; // our carrier code, mapped to the API's own code by the adapter
  recipient: WaybillParty;
  sender: WaybillParty;
  cargo: string;
  count: number;
  weightKg?: number;
  remark?: string;
  service?: string;
}

export interface CarrierWaybill {
  number: string;
  /** 三段码 / 大头笔 for the label's destination region. */
  sortCode?: string;
  /** 集包地. */
  bagPoint?: string;
  /** Child numbers for multi-parcel shipments. */
  childNumbers?: string[];
  /** The carrier's own order id, needed to void. */
  carrierRef?: string;
  /** A ready label, when the API returns one; printed as is. */
  label?: { format: 'zpl' | 'pdf'; bytes: Buffer };
}

export interface CarrierApiAdapter {
  /** Short name stored with each waybill, e.g. "kuaidi100". */
  readonly name: string;
  requestWaybill(req: CarrierWaybillRequest): Promise<CarrierWaybill>;
  voidWaybill(w: { carrier: string; number: string; carrierRef?: string; reason: string }): Promise<void>;
}
