import { z } from 'zod';

// Field shapes several modules share: trimmed text, grams, millimetres, money in minor units, currency codes.

export const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const grams = z.number().int().min(0).max(1_000_000);

export const mm = z.number().int().min(0).max(10_000);

export const minor = z.number().int().min(0).max(1e12);

export const Currency = z.string().regex(/^[A-Z]{3}$/, 'a 3-letter ISO 4217 code such as CNY');
