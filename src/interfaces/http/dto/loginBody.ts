import { IsString, MaxLength } from 'class-validator';

/** An empty password is well-formed: it fails as a 401 like any wrong one, not as a 400. Decorators run bottom-up, so each
 * field's type is checked before its length. */
export class LoginBody {
  @MaxLength(256, { message: 'username must be at most 256 characters' })
  @IsString({ message: 'username must be a string' })
  username!: string;

  @MaxLength(512, { message: 'password must be at most 512 characters' })
  @IsString({ message: 'password must be a string' })
  password!: string;
}
