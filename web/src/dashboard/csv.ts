// CSV downloads are the API's own `csv` field, byte for byte: the figures a commissioner downloads
// are exactly the API's (suppressed cells written c), never re-computed in the browser.
export function downloadCsv(filename: string, csv: string) {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
