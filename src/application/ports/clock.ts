/** The only source of "now" for the application; the domain receives time in its commands. */
export interface Clock {
  now(): Date;
}
