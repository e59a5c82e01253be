import { IsString, MaxLength, ValidateIf } from 'class-validator';

/** Decorators run bottom-up, so each field's type is checked before its length. */
export class ChangePasswordBody {
  @MaxLength(512, { message: 'password must be at most 512 characters' })
  @IsString({ message: 'password must be a string' })
  password!: string;

  /** Required to change one's own password: what one would type at login now. */
  @ValidateIf((_, value) => value !== undefined)
  @MaxLength(512, { message: 'currentPassword must be at most 512 characters' })
  @IsString({ message: 'currentPassword must be a string' })
  currentPassword?: string;
}
