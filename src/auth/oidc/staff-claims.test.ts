import { claimValues, decideStaffAccess, profileFromClaims } from './staff-claims.js';
import { SignInRefusedError } from './sign-in-errors.js';

const cfg = { staff: { claim: 'eduperson_affiliation', values: ['staff', 'faculty', 'employee'] }, admin: { claim: 'groups', values: ['luento-admins'] } };

describe('claimValues', () => {
  it.each([
    [{ a: 'staff' }, ['staff']],
    [{ a: ['faculty', 'member'] }, ['faculty', 'member']],
    [{ a: ['staff', 3, null, { x: 1 }] }, ['staff']],
    [{ a: 7 }, []],
    [{}, []],
  ])('%j → %j', (claims, expected) => {
    expect(claimValues(claims, 'a')).toEqual(expected);
  });
});

describe('decideStaffAccess', () => {
  it.each([
    ['a string value', { eduperson_affiliation: 'staff' }, { isStaff: true, isSiteAdmin: false }],
    ['an array with one staff value', { eduperson_affiliation: ['member', 'faculty'] }, { isStaff: true, isSiteAdmin: false }],
    ['values compared without case or spaces', { eduperson_affiliation: [' Employee '] }, { isStaff: true, isSiteAdmin: false }],
    ['a student', { eduperson_affiliation: ['student', 'member'] }, { isStaff: false, isSiteAdmin: false }],
    ['a scoped value is not the plain one', { eduperson_affiliation: 'staff@uni.fi' }, { isStaff: false, isSiteAdmin: false }],
    ['no claim at all', {}, { isStaff: false, isSiteAdmin: false }],
    ['a number is no value', { eduperson_affiliation: 1 }, { isStaff: false, isSiteAdmin: false }],
    ['staff and admin', { eduperson_affiliation: 'staff', groups: ['x', 'luento-admins'] }, { isStaff: true, isSiteAdmin: true }],
    ['admin without the staff claim is still staff', { groups: 'luento-admins' }, { isStaff: true, isSiteAdmin: true }],
    ['the admin value in the wrong claim', { eduperson_affiliation: ['staff', 'luento-admins'] }, { isStaff: true, isSiteAdmin: false }],
  ])('%s', (_name, claims, expected) => {
    expect(decideStaffAccess(claims, cfg)).toEqual(expected);
  });

  it('makes no one an admin when no admin rule is configured', () => {
    expect(decideStaffAccess({ eduperson_affiliation: 'staff', groups: 'luento-admins' }, { ...cfg, admin: undefined })).toEqual({ isStaff: true, isSiteAdmin: false });
  });
});

describe('profileFromClaims', () => {
  it.each([
    ['name claim', { sub: 's', name: 'Tuula Opettaja', given_name: 'T' }, 'Tuula Opettaja'],
    ['given and family names', { sub: 's', given_name: 'Tuula', family_name: 'Opettaja' }, 'Tuula Opettaja'],
    ['preferred_username', { sub: 's', preferred_username: 'tuulao' }, 'tuulao'],
    ['e-mail as the last resort', { sub: 's', email: 't@uni.fi' }, 't@uni.fi'],
    ['nothing', { sub: 's' }, ''],
  ])('names the person from the %s', (_n, claims, name) => {
    expect(profileFromClaims(claims).name).toBe(name);
  });

  it.each([
    [true, true],
    ['true', true],
    [false, false],
    ['false', false],
    [undefined, false],
    [1, false],
  ])('email_verified %j counts as %j', (value, verified) => {
    expect(profileFromClaims({ sub: 's', email: 't@uni.fi', email_verified: value }).isEmailVerified).toBe(verified);
  });

  it('drops a malformed e-mail or locale instead of refusing the person', () => {
    expect(profileFromClaims({ sub: 's', email: 'not an address', locale: 'x'.repeat(50) })).toMatchObject({ email: undefined, locale: undefined });
  });

  it('refuses claims without a subject', () => {
    expect(() => profileFromClaims({ email: 't@uni.fi' })).toThrow(SignInRefusedError);
  });
});
