import dayjs, { type Dayjs } from 'dayjs';

/** The API's date format; DatePicker values are Dayjs and travel as these strings. */
export const dateFormat = 'YYYY-MM-DD';

export const toDateString = (d: Dayjs | null | undefined): string | null =>
  d?.isValid() ? d.format(dateFormat) : null;

export const fromDateString = (s: string | null | undefined): Dayjs | null => (s ? dayjs(s) : null);
