// A wide table's scrolling box is a named region that takes keyboard focus, so it can be scrolled sideways
// without a mouse (the browser test tests/e2e/reflow.e2e.test.ts checks the layout itself).
import { render, screen } from '@testing-library/react';
import { TableScroll } from './TableScroll';

describe('a table scrolling in its own box', () => {
  it('is a region named after its table that takes focus in the tab order', () => {
    render(
      <TableScroll label="Caseloads by district, August 2018">
        <table><caption>Caseloads by district, August 2018</caption><tbody><tr><th scope="row">Ashford</th><td>120</td></tr></tbody></table>
      </TableScroll>,
    );
    const region = screen.getByRole('region', { name: 'Caseloads by district, August 2018' });
    expect(region).toHaveAttribute('tabindex', '0');
    expect(region).toHaveClass('table-scroll');
    expect(region).not.toHaveClass('table-scroll--tall');
    expect(screen.getByRole('table', { name: 'Caseloads by district, August 2018' })).toBeInTheDocument();
  });

  it('keeps a long table to its own height when asked', () => {
    render(<TableScroll label="Monthly figures for Kent" tall><table><tbody><tr><td>1</td></tr></tbody></table></TableScroll>);
    expect(screen.getByRole('region', { name: 'Monthly figures for Kent' })).toHaveClass('table-scroll', 'table-scroll--tall');
  });
});
