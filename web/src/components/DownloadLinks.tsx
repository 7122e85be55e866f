// Download buttons: plain links to the API's export routes, so the browser saves the file.
import { apiPath, type QueryParams } from '../lib/api-client';

export interface Download {
  label: string;
  path: string;
  params: QueryParams;
}

export function DownloadLinks({ downloads, label = 'Download' }: { downloads: Download[]; label?: string }) {
  return (
    <nav className="downloads" aria-label={label}>
      <ul>
        {downloads.map((download) => (
          <li key={download.label}>
            <a className="button button--secondary" href={apiPath(download.path, download.params)} download>
              <span aria-hidden="true">⤓ </span>
              {download.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
