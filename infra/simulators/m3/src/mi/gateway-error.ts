/** The body the ION API gateway sends with a 5xx or 429 of its own (injected faults, lost MI answers). */
export const gatewayErrorBody = (status: number): { error: string; status: number } => ({
  error: status === 429 ? 'Too Many Requests' : status === 503 ? 'Service Unavailable' : 'Internal Server Error',
  status,
});
