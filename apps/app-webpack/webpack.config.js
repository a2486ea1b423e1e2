import { fileURLToPath } from 'node:url';
import HtmlWebpackPlugin from 'html-webpack-plugin';

export default {
  entry: './src/main.js',
  output: { path: fileURLToPath(new URL('dist/', import.meta.url)), clean: true },
  plugins: [new HtmlWebpackPlugin({ template: './src/index.html' })],
};
