import { describe, expect, it } from 'vitest';
import { InvalidMarkingError, parseMarking } from './marking';

describe('parseMarking', () => {
  it.each([
    ['SECRET//NOFORN', 'SECRET//NOFORN', 'SECRET', ['NOFORN']],
    ['secret // noforn', 'SECRET//NOFORN', 'SECRET', ['NOFORN']],
    ['S//REL TO USA, GBR', 'SECRET//REL TO USA, GBR', 'SECRET', ['REL TO USA, GBR']],
    ['UNCLASSIFIED', 'UNCLASSIFIED', 'UNCLASSIFIED', []],
    ['U//FOUO', 'UNCLASSIFIED//FOUO', 'UNCLASSIFIED', ['FOUO']],
    ['CUI', 'CUI', 'CUI', []],
    ['CONFIDENTIAL', 'CONFIDENTIAL', 'CONFIDENTIAL', []],
    ['TOP SECRET//NOFORN', 'TOP SECRET//NOFORN', 'TOP SECRET', ['NOFORN']],
    ['TS//SI//NOFORN', 'TOP SECRET//SI//NOFORN', 'TS/SCI', ['SI', 'NOFORN']],
    [
      'TOP SECRET//HCS-P/SI-G//ORCON/NOFORN',
      'TOP SECRET//HCS-P/SI-G//ORCON/NOFORN',
      'TS/SCI',
      ['HCS-P/SI-G', 'ORCON/NOFORN'],
    ],
  ])('reads %j as %j (%s)', (input, marking, level, controls) => {
    expect(parseMarking(input)).toEqual({ marking, level, controls });
  });

  it('does not make SECRET with an SCI control yellow: only TOP SECRET//SCI is TS/SCI', () => {
    expect(parseMarking('SECRET//SI//NOFORN').level).toBe('SECRET');
  });

  it.each([
    ['', /empty/],
    ['SEKRIT//NOFORN', /"SEKRIT" is not a classification level/],
    ['SECRET//<script>', /"<SCRIPT>" is not a valid control marking/],
    ['SECRET//', /"" is not a valid control marking/],
    ['S'.repeat(201), /longer than 200/],
  ])('refuses %j with a sentence naming the problem', (input, message) => {
    expect(() => parseMarking(input)).toThrow(InvalidMarkingError);
    expect(() => parseMarking(input)).toThrow(message);
  });
});
