import type { LoginAttemptData } from './events';

/** Every command carries who asks and when (from the injected clock, as ISO-8601). */
interface Issued {
  readonly actor: string;
  readonly at: string;
}

export type UserCommand =
  | (Issued & { readonly type: 'RegisterUser'; readonly username: string; readonly staff: boolean; readonly passwordHash: string })
  | (Issued & { readonly type: 'ChangePassword'; readonly passwordHash: string })
  | (Issued & { readonly type: 'GrantStaff' })
  | (Issued & { readonly type: 'RevokeStaff' })
  | (Issued & { readonly type: 'EnableDynamicPassword'; readonly pattern?: string; readonly timeZone?: string })
  | (Issued & { readonly type: 'DisableDynamicPassword' })
  | (Issued & { readonly type: 'ClearDynamicPasswordSetting' })
  | (Issued & { readonly type: 'DeactivateUser' })
  | (Issued & { readonly type: 'ReactivateUser' })
  | { readonly type: 'RecordLoginAttempt'; readonly attempt: LoginAttemptData };
