import 'demo/shared/framework-demo.css';
import 'demo/shared/scripted-button.js';
import { mount } from 'svelte';
import 'ai-chat'; // registers <ai-chat>
import App from './App.svelte';

mount(App, { target: document.getElementById('app') });
