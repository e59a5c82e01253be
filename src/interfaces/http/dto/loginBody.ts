import { IsString, MaxLength } from 'class-validator';

/** An empty password is well-formed: it fails as a 401 like any wrong one, not as a 400. */
export class LoginBody {
  @IsString({ message: 'username must be a string' })
  @MaxLength(256, { message: 'username must be at most 256 characters' })
  username!: string;

  @IsString({ message: 'password must be a string' })
  @MaxLength(512, { message: 'password must be at most 512 characters' })
  password!: string;
}
