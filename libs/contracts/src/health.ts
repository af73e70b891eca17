export interface HealthStatus {
  service: string;
  status: 'ok';
}

/** Requests that carry nothing. */
export class EmptyRequest {}
