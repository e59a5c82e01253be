import { IsString, MaxLength } from 'class-validator';

/* Decorators run bottom-up: the type is checked before the length. */
export class ChangePasswordBody {
  @MaxLength(512, { message: 'password must be at most 512 characters' })
  @IsString({ message: 'password must be a string' })
  password!: string;
}
