// A product's picture by its SKU id, for screens that show a line of an order (the Pack screen):
// hidden when the product has none (the route answers 404).
import { useState } from 'react';
import { routeUrl } from '../../../src-main/contract/client';

export function SkuImage({ skuId, className = 'line-image' }: { skuId: string; className?: string }) {
  const [missing, setMissing] = useState(false);
  if (missing) return null;
  return <img className={className} src={routeUrl('getSkuImage', { params: { id: skuId } })} alt="" onError={() => setMissing(true)} data-testid={`sku-image-${skuId}`} />;
}
