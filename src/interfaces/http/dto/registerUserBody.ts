import { IsBoolean, IsString, MaxLength, ValidateIf } from 'class-validator';

/** Shape only; the username and password rules are the domain's (DomainError → 400). Decorators run bottom-up, so each
 * field's type is checked before its length. */
export class RegisterUserBody {
  @MaxLength(256, { message: 'username must be at most 256 characters' })
  @IsString({ message: 'username must be a string' })
  username!: string;

  @MaxLength(512, { message: 'password must be at most 512 characters' })
  @IsString({ message: 'password must be a string' })
  password!: string;

  /** ValidateIf rather than IsOptional: `null` is not a boolean and is refused. */
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean({ message: 'staff must be a boolean' })
  staff?: boolean;
}
