// A product's picture by its SKU id, for screens that show a line of an order (the Pack screen).
// Render it only for a product that has one (the line's hasImage): each request for none is a 404
// in the console. A picture removed since the line was read is hidden when its request fails.
import { useState } from 'react';
import { routeUrl } from '../../../src-main/contract/client';

export function SkuImage({ skuId, className = 'line-image' }: { skuId: string; className?: string }) {
  const [missing, setMissing] = useState(false);
  if (missing) return null;
  return <img className={className} src={routeUrl('getSkuImage', { params: { id: skuId } })} alt="" onError={() => setMissing(true)} data-testid={`sku-image-${skuId}`} />;
}
