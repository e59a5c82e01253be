import { IsString, MaxLength, ValidateIf } from 'class-validator';

/** Absent fields mean "the global setting"; `null` is refused rather than read as absent. Decorators run bottom-up, so each
 * field's type is checked before its length. */
export class DynamicPasswordBody {
  @ValidateIf((_, value) => value !== undefined)
  @MaxLength(256, { message: 'pattern must be at most 256 characters' })
  @IsString({ message: 'pattern must be a string' })
  pattern?: string;

  @ValidateIf((_, value) => value !== undefined)
  @MaxLength(64, { message: 'timeZone must be at most 64 characters' })
  @IsString({ message: 'timeZone must be a string' })
  timeZone?: string;
}
