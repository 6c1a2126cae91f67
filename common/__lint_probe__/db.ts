import { openDatabase } from '../../db';
export const o = openDatabase;
