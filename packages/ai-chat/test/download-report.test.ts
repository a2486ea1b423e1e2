import { expect } from '@open-wc/testing';
import { downloadReport } from '../src/engine/worker/shared/download-report.js';
import { formatBytes } from '../src/fit/size.js';

describe('pure: the download progress report of every worker backend', () => {
  it('a download becomes a progress report with its bytes, share and speed', () => {
    expect(downloadReport({ loadedBytes: 250, totalBytes: 1000, bytesPerSecond: 0 })).to.deep.equal({
      phase: 'download',
      progress: 0.25,
      loadedBytes: 250,
      totalBytes: 1000,
      text: `${formatBytes(250)} of ${formatBytes(1000)}`,
      bytesPerSecond: 0,
    });
    expect(downloadReport({ loadedBytes: 0, totalBytes: 0, bytesPerSecond: 2e6 }).progress).to.equal(0);
    expect(downloadReport({ loadedBytes: 1, totalBytes: 2, bytesPerSecond: 2e6 }).text).to.contain(
      `${formatBytes(2e6)}/s`,
    );
  });
});
