import { IsString, MaxLength, ValidateIf } from 'class-validator';

/** Absent fields mean "the global setting"; `null` is refused rather than read as absent. */
export class DynamicPasswordBody {
  @ValidateIf((_, value) => value !== undefined)
  @IsString({ message: 'pattern must be a string' })
  @MaxLength(256, { message: 'pattern must be at most 256 characters' })
  pattern?: string;

  @ValidateIf((_, value) => value !== undefined)
  @IsString({ message: 'timeZone must be a string' })
  @MaxLength(64, { message: 'timeZone must be at most 64 characters' })
  timeZone?: string;
}
