// Each service's error vocabulary (the codes its handlers may answer with, and AWS's HTTP status
// for each) and the wire layer's status table must agree, or a client would see one code with a
// status AWS never sends for it.
import { describe, expect, it } from 'vitest';
import { statusOfCode } from '../../../src/local/aws-api/protocols/error-statuses.js';
import { SERVICE_ERRORS } from '../../../src/local/aws-api/services/index.js';

describe('error statuses', () => {
  it('the wire layer answers every code of every service with the status the service lists for it', () => {
    const disagreements = Object.entries(SERVICE_ERRORS).flatMap(([service, errors]) =>
      Object.entries(errors.codes).filter(([code, status]) => statusOfCode(code) !== status).map(([code, status]) => `${service} ${code}: ${status}, wire ${statusOfCode(code)}`));
    expect(disagreements).toEqual([]);
    expect(Object.keys(SERVICE_ERRORS).length).toBeGreaterThanOrEqual(10);
  });
});
