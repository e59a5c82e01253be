import { createHmac } from 'node:crypto';
import type { KeyedDigest } from '../../application/ports/digest';

export class HmacDigest implements KeyedDigest {
  constructor(private readonly key: Buffer) {}
  digest(text: string): string {
    return createHmac('sha256', this.key).update(text, 'utf8').digest('hex').slice(0, 32);
  }
}
