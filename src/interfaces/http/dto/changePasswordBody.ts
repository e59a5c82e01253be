import { IsString, MaxLength } from 'class-validator';

export class ChangePasswordBody {
  @IsString({ message: 'password must be a string' })
  @MaxLength(512, { message: 'password must be at most 512 characters' })
  password!: string;
}
